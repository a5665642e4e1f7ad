package io.uxlens.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Label sets stay bounded whatever callers pass; targets only for defined journeys and known KPIs. */
class JourneyMetricsTest {
  final UxLensMetrics metrics = new UxLensMetrics();

  String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, metrics.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void undeclaredIdsCollapseIntoOther() throws Exception {
    JourneyMetrics j = metrics.journeys().define("checkout", List.of("cart", "order"));
    for (int i = 0; i < 500; i++) {
      j.attemptStarted("session-" + i);
      j.stepReached("checkout", "user-" + i, 1.0);
      j.error("journey-" + i, "cart"); // unknown journey: its steps are unknown too
    }
    String text = scrape();
    assertThat(text).contains("uxlens_journey_attempts_total{journey=\"other\"} 500.0")
        .contains("uxlens_journey_step_events_total{journey=\"checkout\",step=\"other\"} 500.0")
        .contains("uxlens_journey_errors_total{journey=\"other\",step=\"other\"} 500.0")
        .doesNotContain("session-").doesNotContain("user-").doesNotContain("journey-1");
    // defined journeys start at zero so rate() sees them before their first attempt
    assertThat(text).contains("uxlens_journey_attempts_total{journey=\"checkout\"} 0.0")
        .contains("uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"completed\"} 0.0");
  }

  @Test
  void outcomesOutsideTheFixedSetAreOther() throws Exception {
    metrics.journeys().define("checkout", List.of("cart"));
    metrics.journeys().outcome("checkout", "in_progress");
    metrics.journeys().outcome("checkout", "completed");
    assertThat(scrape()).contains("uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"other\"} 1.0")
        .contains("uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"completed\"} 1.0");
  }

  @Test
  void definitionsAreCapped() {
    JourneyMetrics j = metrics.journeys();
    for (int i = 0; i < 100; i++) {
      j.define("j" + i, List.of("s"));
    }
    assertThatThrownBy(() -> j.define("j100", List.of("s"))).isInstanceOf(IllegalStateException.class);
    List<String> steps = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "s" + i).toList();
    assertThatThrownBy(() -> j.define("j0", steps)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void targetsNeedADefinedJourneyAndAKnownKpi() throws Exception {
    JourneyMetrics j = metrics.journeys().define("checkout", List.of("cart"));
    j.target("checkout", "time_on_task_p75_seconds", 240);
    assertThat(scrape())
        .contains("uxlens_journey_target{journey=\"checkout\",kpi=\"time_on_task_p75_seconds\"} 240.0");
    assertThatThrownBy(() -> j.target("checkout", "nps", 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> j.target("refund", "completion_rate", 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> j.target("checkout", "completion_rate", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queryLatencyByCatalogueIdOrOther() throws Exception {
    metrics.queries().known(List.of("journey.error_rate"));
    metrics.queries().observe("journey.error_rate", 0.004);
    try (var t = metrics.queries().time("select * from users")) {
      assertThat(t.metric()).isNotNull();
    }
    String text = scrape();
    assertThat(text).contains("uxlens_query_duration_seconds_count{metric=\"journey.error_rate\"} 1")
        .contains("uxlens_query_duration_seconds_count{metric=\"other\"} 1").doesNotContain("select");
  }
}
