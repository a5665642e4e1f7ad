package io.uxlens.correlate;

import io.uxlens.testing.SessionizedStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.journey.CorrelationState;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Span;
import io.uxlens.store.SessionTelemetryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlation tables answered from the rollups' sketches against the same tables computed from every attempt
 * and span, on noisy traffic the sketches were not designed around: 3,000 inventory-import sessions over two days
 * with random waits, errors and spans, plus a planted bottleneck (a slow column preview at the mapping step makes
 * users leave). Counts must agree exactly, waits and thresholds within DDSketch's 1%, and the conclusion (the top
 * bottleneck and the operation behind it) must be the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupCorrelationTest {
  static final long T0 = 1_777_629_600_000L; // 2026-05-01T10:00:00Z
  static final String J = "inventory-import";
  static final String[] STEPS = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};

  @TempDir
  static Path dir;
  SessionizedStore loaded;
  JourneyKpis kpis;
  SessionTelemetryStore telemetry;
  JourneyDefinition journey;
  // an unaligned range, as Grafana sends: the composition of rollup levels and edge attempts is exercised
  final long from = T0 + 12_345;
  final long to = T0 + 2 * 86_400_000L - 7_777;

  @BeforeAll
  void load() {
    List<Event> events = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    generate(new Random(42), events, spans);
    loaded = SessionizedStore.load(dir, "rollup-correlation", events, spans);
    kpis = loaded.kpis();
    telemetry = loaded.telemetry();
    journey = loaded.journeys().byId(J).orElseThrow();
  }

  @AfterAll
  void close() {
    loaded.close();
  }

  @Test
  void bottlenecksFromRollupsAgreeWithTheScanAndFindThePlantedCause() {
    List<Attempt> all = kpis.attempts(J, from, to, Map.of());
    List<Bottlenecks.Step> scanned = Bottlenecks.rank(journey, all, Correlations.spansOf(telemetry, all));
    CorrelationState state = kpis.correlation(J, from, to).orElseThrow();
    List<Bottlenecks.Step> rolled = Bottlenecks.rank(journey, state,
        Correlations.sampledCauses(kpis, telemetry, journey, from, to));

    assertThat(rolled).extracting(Bottlenecks.Step::stepId).containsExactlyElementsOf(
        scanned.stream().map(Bottlenecks.Step::stepId).toList());
    assertThat(rolled.get(0).stepId()).as("planted bottleneck").isEqualTo("mapping");
    for (int k = 0; k < scanned.size(); k++) {
      Bottlenecks.Step s = scanned.get(k);
      Bottlenecks.Step r = rolled.get(k);
      assertThat(r.faced()).isEqualTo(s.faced()).isPositive();
      assertThat(r.lost()).isEqualTo(s.lost());
      assertThat(r.lostAfterError()).isEqualTo(s.lostAfterError());
      assertThat(r.lostWaiting()).isEqualTo(s.lostWaiting());
      assertThat(r.medianLatencySeconds()).isCloseTo(s.medianLatencySeconds(),
          within(s.medianLatencySeconds() * 0.01));
      assertThat(r.slowThresholdSeconds()).isCloseTo(s.slowThresholdSeconds(),
          within(s.slowThresholdSeconds() * 0.01));
      // only waits in the threshold's own 1% bin can change sides
      assertThat((double) r.troubled()).isCloseTo(s.troubled(), within(s.faced() * 0.01));
      assertThat(r.lostToSlowness()).isCloseTo(s.lostToSlowness(), within(s.faced() * 0.01 + 1));
      assertThat(r.lostToErrors()).isCloseTo(s.lostToErrors(), within(1e-9));
    }
    BackendCause.Operation cause = rolled.get(0).cause();
    assertThat(cause).isNotNull();
    assertThat(cause.name()).isEqualTo(scanned.get(0).cause().name()).isEqualTo("GET /columns/preview");
  }

  /**
   * The samples backend causes are named from: the newest finished attempts lost at each step and the newest that
   * reached it, equal to sorting every attempt of the range; on SQLite a step's losses are read along their own
   * index (a step few attempts end at must not walk the range).
   */
  @Test
  void causeSamplesAreTheNewestAttemptsOnEachSideOfAStep() {
    List<Attempt> all = kpis.attempts(J, from, to, Map.of());
    // a sample size whose walk (the newest 3 samples' worth) leaves the last step short: that step is read alone
    List<Attempt> walked = all.stream().filter(a -> a.outcome().finished() && a.lastStepIndex() >= 1)
        .sorted(java.util.Comparator.comparingLong(Attempt::start).reversed()).toList();
    int last = STEPS.length - 1;
    int shortLimit = java.util.stream.IntStream.rangeClosed(1, 100).filter(l -> walked.size() > 3 * l
            && walked.stream().limit(3L * l).filter(a -> a.lastStepIndex() >= last).count() < l)
        .findFirst().orElseThrow(() -> new AssertionError("no sample size leaves the last step short"));
    for (int limit : new int[] {40, shortLimit}) {
      for (int step = 1; step < STEPS.length; step++) {
        for (boolean lost : new boolean[] {true, false}) {
          int i = step;
          List<Long> expected = all.stream().filter(a -> a.outcome().finished())
              .filter(a -> lost ? a.lastStepIndex() == i - 1 : a.lastStepIndex() >= i)
              .map(Attempt::start).sorted(java.util.Comparator.reverseOrder()).limit(limit).toList();
          List<Attempt> sample = lost ? kpis.newestLostAt(J, from, to, step, limit)
              : kpis.newestReachingEachStep(J, from, to, limit).get(step);
          assertThat(sample).extracting(Attempt::start).as("step %d, lost %s, limit %d", step, lost, limit)
              .containsExactlyElementsOf(expected).hasSize(limit);
          assertThat(sample).allMatch(a -> lost ? a.lastStepIndex() == i - 1 : a.lastStepIndex() >= i);
        }
      }
    }
    if (loaded.store().dialect() == io.uxlens.store.Dialect.SQLITE) {
      String plan = loaded.store().jdbi().withHandle(h -> String.join("\n", h.createQuery("EXPLAIN QUERY PLAN "
              + "SELECT * FROM journey_attempts INDEXED BY journey_attempts_lost WHERE journey = 'x' "
              + "AND last_step_index = 1 AND start_ms >= 0 AND start_ms < 9 AND outcome = 'abandoned' "
              + "ORDER BY start_ms DESC LIMIT 5")
          .map((rs, ctx) -> rs.getString("detail")).list()));
      assertThat(plan).contains("journey_attempts_lost").doesNotContain("TEMP B-TREE");
    }
  }

  @Test
  void completionByLatencyFromRollupsAgreesWithTheScan() {
    List<Attempt> all = kpis.attempts(J, from, to, Map.of());
    CorrelationState state = kpis.correlation(J, from, to).orElseThrow();
    for (double[] edges : new double[][] {null, {800, 2_000, 5_000}}) {
      List<LatencyBuckets.Band> scanned = LatencyBuckets.completionByLatency(all, edges);
      List<LatencyBuckets.Band> rolled = LatencyBuckets.completionByLatency(state, edges);
      assertThat(rolled).hasSameSizeAs(scanned);
      long total = scanned.stream().mapToLong(LatencyBuckets.Band::attempts).sum();
      assertThat(total).isGreaterThan(1_000);
      assertThat(rolled.stream().mapToLong(LatencyBuckets.Band::attempts).sum()).isEqualTo(total);
      assertThat(rolled.stream().mapToLong(LatencyBuckets.Band::completed).sum())
          .isEqualTo(scanned.stream().mapToLong(LatencyBuckets.Band::completed).sum());
      for (int b = 0; b < scanned.size(); b++) {
        LatencyBuckets.Band s = scanned.get(b);
        LatencyBuckets.Band r = rolled.get(b);
        if (s.fromMs() != null) {
          assertThat(r.fromMs()).isCloseTo(s.fromMs(), within(s.fromMs() * 0.01));
        }
        // an attempt within 1% of an edge may sit in the neighbouring band: the bound is how many do
        long nearEdges = all.stream().filter(a -> a.outcome().finished() && a.performance().meanLatencyMs() != null)
            .filter(a -> near(a.performance().meanLatencyMs(), s.fromMs()) || near(a.performance().meanLatencyMs(),
                s.toMs())).count();
        assertThat(Math.abs(r.attempts() - s.attempts())).isLessThanOrEqualTo(nearEdges);
        assertThat(r.completionRate()).isCloseTo(s.completionRate(), within(0.02));
        // values within 1%, but the attempts near the edges may have moved band
        assertThat(r.meanLatencyMs()).isCloseTo(s.meanLatencyMs(), within(s.meanLatencyMs() * 0.05));
      }
      // the story survives: the slowest band completes least
      assertThat(rolled.get(rolled.size() - 1).completionRate()).isLessThan(rolled.get(0).completionRate());
    }
  }

  private static boolean near(double x, Double edge) {
    return edge != null && Math.abs(x - edge) <= 0.02 * edge;
  }

  /**
   * Sessions every ~58 s for two days. Waits are log-uniform; at the mapping step a slow column preview (a span
   * of 4-20 s instead of 0.2-1 s, in 30% of sessions) makes 60% of users leave, against 8% otherwise; import
   * errors at the upload step make 40% leave. Spans of unrelated services are noise on every step.
   */
  static void generate(Random rnd, List<Event> events, List<Span> spans) {
    long t = T0;
    int n = 0;
    while (t < T0 + 2 * 86_400_000L) {
      String session = "s" + n++;
      String context = "{\"app\":{\"version\":\"" + (rnd.nextBoolean() ? "2.4.1" : "2.5.0") + "\"}}";
      boolean slowPreview = rnd.nextDouble() < 0.3;
      long time = t;
      for (int i = 0; i < STEPS.length; i++) {
        if (i > 0) {
          long wait = (long) (2_000 * Math.pow(60, rnd.nextDouble()));
          String op = i == 2 ? "GET /columns/preview" : i == 1 ? "POST /upload" : "POST /import";
          double duration = i == 2 && slowPreview ? 4_000 + rnd.nextInt(16_000) : 200 + rnd.nextInt(800);
          spans.add(span(session, n * 10 + i, "import-api", op, time + 100, duration, rnd.nextDouble() < 0.02));
          spans.add(span(session, n * 10 + i + 5, "auth", "GET /token", time + 50, 5 + rnd.nextInt(40), false));
          boolean errored = i == 2 && rnd.nextDouble() < 0.06;
          if (errored) {
            events.add(event(session, n, "Import Failed", time + 500, context));
          }
          double leave = i == 2 ? (slowPreview ? 0.6 : 0.08) + (errored ? 0.4 : 0) : 0.05;
          if (rnd.nextDouble() < leave) {
            break;
          }
          time += wait;
        }
        events.add(event(session, n, STEPS[i], time, context));
      }
      t += 1_000 + rnd.nextInt(115_000);
    }
    // a later event ends every attempt's wait: abandonment is judged against the newest event
    events.add(event("late", 0, "Page Viewed", T0 + 3 * 86_400_000L, "{}"));
  }

  private static Event event(String session, int n, String name, long ts, String context) {
    return new Event(session + "-" + name.replace(' ', '-') + "-" + ts, "segment", "track", name, ts, ts,
        "u-" + session, null, session, "{}", context);
  }

  private static Span span(String session, int id, String service, String name, long start, double ms,
                           boolean error) {
    return new Span("t-" + session, "sp-" + id + "-" + name.hashCode(), null, session, service, name, "server",
        start, ms, error ? "error" : "ok", error ? 500 : 200, null, "{}");
  }
}
