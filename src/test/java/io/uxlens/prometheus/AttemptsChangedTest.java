package io.uxlens.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A recomputing sessionizer counts each attempt, step, error and outcome once, however often it re-runs. */
class AttemptsChangedTest {
  final UxLensMetrics metrics = new UxLensMetrics();
  JourneyMetrics journeys;

  @BeforeEach
  void define() {
    journeys = metrics.journeys().define("checkout", List.of("cart", "checkout", "order"));
  }

  static AttemptState attempt(String outcome, List<String> steps, List<Long> times, List<String> errors, Long end) {
    return new AttemptState("a1", "checkout", outcome, steps, times, errors, 1_000, end);
  }

  final AttemptState started = attempt("in_progress", List.of("cart", "checkout"), List.of(1_000L, 31_000L),
      List.of("checkout"), null);
  final AttemptState completed = attempt("completed", List.of("cart", "checkout", "order"),
      List.of(1_000L, 31_000L, 91_000L), List.of("checkout"), 91_000L);

  @Test
  void firstSightCountsTheAttemptItsStepsAndErrors() throws Exception {
    journeys.attemptsChanged(Map.of(), List.of(started));
    String t = scrape();
    assertThat(value(t, "uxlens_journey_attempts_total{journey=\"checkout\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_step_events_total{journey=\"checkout\",step=\"cart\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_step_events_total{journey=\"checkout\",step=\"checkout\"}")).isEqualTo(1);
    // latency only from the previous step: the first step has none
    assertThat(value(t, "uxlens_step_latency_seconds_sum{journey=\"checkout\",step=\"checkout\"}")).isEqualTo(30);
    assertThat(t).doesNotContain("uxlens_step_latency_seconds_count{journey=\"checkout\",step=\"cart\"}");
    assertThat(value(t, "uxlens_journey_errors_total{journey=\"checkout\",step=\"checkout\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"completed\"}")).isZero();
  }

  @Test
  void recomputingWithNothingNewCountsNothing() throws Exception {
    journeys.attemptsChanged(Map.of(), List.of(started));
    String once = scrape();
    journeys.attemptsChanged(Map.of("a1", started), List.of(started));
    journeys.attemptsChanged(Map.of("a1", started), List.of(started));
    assertThat(journeyLines(scrape())).isEqualTo(journeyLines(once));
  }

  @Test
  void progressCountsOnlyTheDifference() throws Exception {
    journeys.attemptsChanged(Map.of(), List.of(started));
    journeys.attemptsChanged(Map.of("a1", started), List.of(completed));
    journeys.attemptsChanged(Map.of("a1", completed), List.of(completed));
    String t = scrape();
    assertThat(value(t, "uxlens_journey_attempts_total{journey=\"checkout\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_step_events_total{journey=\"checkout\",step=\"cart\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_step_events_total{journey=\"checkout\",step=\"order\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_step_latency_seconds_sum{journey=\"checkout\",step=\"order\"}")).isEqualTo(60);
    assertThat(value(t, "uxlens_journey_errors_total{journey=\"checkout\",step=\"checkout\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"completed\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_time_on_task_seconds_sum{journey=\"checkout\"}")).isEqualTo(90);
    assertThat(value(t, "uxlens_journey_time_on_task_seconds_count{journey=\"checkout\"}")).isEqualTo(1);
  }

  @Test
  void anAttemptFirstSeenFinishedCountsEverythingAtOnce() throws Exception {
    journeys.attemptsChanged(Map.of(), List.of(completed));
    String t = scrape();
    assertThat(value(t, "uxlens_journey_attempts_total{journey=\"checkout\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"completed\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_step_latency_seconds_count{journey=\"checkout\",step=\"order\"}")).isEqualTo(1);
  }

  @Test
  void abandonmentCountsNoTimeOnTask() throws Exception {
    AttemptState abandoned = attempt("abandoned", List.of("cart"), List.of(1_000L), List.of(), 1_801_000L);
    journeys.attemptsChanged(Map.of(), List.of(abandoned));
    String t = scrape();
    assertThat(value(t, "uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"abandoned\"}")).isEqualTo(1);
    assertThat(t).doesNotContain("uxlens_journey_time_on_task_seconds_count{journey=\"checkout\"}");
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, metrics.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String journeyLines(String exposition) {
    return String.join("\n", exposition.lines()
        .filter(l -> l.startsWith("uxlens_journey_") || l.startsWith("uxlens_step_")).toList());
  }

  private static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    if (!m.find()) {
      throw new AssertionError("no sample " + series);
    }
    return Double.parseDouble(m.group(1));
  }
}
