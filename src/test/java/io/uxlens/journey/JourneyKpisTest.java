package io.uxlens.journey;

import static io.uxlens.journey.JourneyFixture.T0;
import static io.uxlens.journey.JourneyFixture.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.Refusal;
import io.uxlens.correlate.Bottlenecks;
import io.uxlens.model.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every KPI against hand-computed values. Six inventory-import attempts (seconds after 10:00, hour H0; H1 = 11:00):
 * <pre>
 *   A  NL 2.4.1  start 0, upload 60, mapping 120, done 300              completed, ToT 300, lat 60/60/180
 *   B  NL 2.4.1  start 600, upload 700, FAILED 710, mapping 900, done 1200  completed + error, ToT 600, lat 100/200/300
 *   C  DE 2.5.0  start 1200, upload 1300                                 abandoned (deadline 3100 <= newest 7100)
 *   D  DE 2.5.0  start 1800, ROW REJECTED 1850                          abandoned + error (deadline 3650)
 *   E  NL 2.5.0  start 3600, upload 3660, mapping 3720, done 4500       completed, ToT 900, lat 60/60/780
 *   F  DE 2.4.1  start 7000, upload 7100 (newest event)                 in progress (deadline 8900)
 * </pre>
 * Percentiles are DDSketch's (1% relative error) of the "lower" sample at rank floor(q * (n - 1)).
 */
class JourneyKpisTest {
  static final String J = "inventory-import";
  static final long H = 3_600_000L;

  @TempDir
  Path dir;
  JourneyFixture f;

  @BeforeEach
  void load() {
    f = new JourneyFixture(dir, "kpis");
    f.insert(List.of(
        e("a1", "a", "Import Started", 0, "NL", "2.4.1"), e("a2", "a", "File Uploaded", 60, "NL", "2.4.1"),
        e("a3", "a", "Columns Mapped", 120, "NL", "2.4.1"), e("a4", "a", "Import Completed", 300, "NL", "2.4.1"),
        e("b1", "b", "Import Started", 600, "NL", "2.4.1"), e("b2", "b", "File Uploaded", 700, "NL", "2.4.1"),
        e("b3", "b", "Import Failed", 710, "NL", "2.4.1"), e("b4", "b", "Columns Mapped", 900, "NL", "2.4.1"),
        e("b5", "b", "Import Completed", 1200, "NL", "2.4.1"),
        e("c1", "c", "Import Started", 1200, "DE", "2.5.0"), e("c2", "c", "File Uploaded", 1300, "DE", "2.5.0"),
        e("d1", "d", "Import Started", 1800, "DE", "2.5.0"), e("d2", "d", "Row Rejected", 1850, "DE", "2.5.0"),
        e("e1", "e", "Import Started", 3600, "NL", "2.5.0"), e("e2", "e", "File Uploaded", 3660, "NL", "2.5.0"),
        e("e3", "e", "Columns Mapped", 3720, "NL", "2.5.0"), e("e4", "e", "Import Completed", 4500, "NL", "2.5.0"),
        e("f1", "f", "Import Started", 7000, "DE", "2.4.1"), e("f2", "f", "File Uploaded", 7100, "DE", "2.4.1")));
    f.run();
  }

  @AfterEach
  void close() {
    f.close();
  }

  static Event e(String id, String session, String name, long s, String country, String version) {
    return track(id, session, name, s, "{\"location\":{\"country\":\"" + country + "\"},\"app\":{\"version\":\""
        + version + "\"}}");
  }

  @Test
  void hourlySeriesFromRollups() {
    List<KpiBucket> b = f.kpis.series(J, T0, T0 + 2 * H, H, Optional.empty(), Map.of()).buckets();
    assertThat(b).extracting(KpiBucket::time).containsExactly(T0, T0 + H);
    KpiBucket h0 = b.get(0);
    assertThat(h0.attempts()).isEqualTo(4); // A B C D
    assertThat(h0.completed()).isEqualTo(2); // A B
    assertThat(h0.abandoned()).isEqualTo(2); // C D
    assertThat(h0.inProgress()).isZero();
    assertThat(h0.finished()).isEqualTo(4);
    assertThat(h0.completionRate()).isEqualTo(0.5); // 2 / 4
    assertThat(h0.abandonmentRate()).isEqualTo(0.5); // 2 / 4
    assertThat(h0.finishedWithError()).isEqualTo(2); // B D
    assertThat(h0.errorRate()).isEqualTo(0.5); // 2 / 4
    assertThat(h0.timeOnTaskP50()).isCloseTo(300, Percentage.withPercentage(1)); // {300, 600}: rank floor(0.5)=0
    assertThat(h0.timeOnTaskP75()).isCloseTo(300, Percentage.withPercentage(1)); // rank floor(0.75)=0
    assertThat(h0.timeOnTaskP95()).isCloseTo(300, Percentage.withPercentage(1)); // rank floor(0.95)=0
    // funnel: reached start 4, upload 3 (A B C), mapping 2 (A B), done 2
    assertThat(h0.steps()).extracting(KpiBucket.StepKpi::reached).containsExactly(4L, 3L, 2L, 2L);
    assertThat(h0.steps()).extracting(KpiBucket.StepKpi::conversion).containsExactly(1.0, 0.75, 0.5, 0.5);
    assertThat(h0.steps().get(2).stepConversion()).isCloseTo(2.0 / 3, within(1e-12)); // 2 / 3
    assertThat(h0.steps()).extracting(KpiBucket.StepKpi::dropOff).containsExactly(0L, 1L, 1L, 0L);
    KpiBucket.StepKpi upload = h0.steps().get(1); // latencies {60, 100, 100}
    assertThat(upload.latencyP50()).isCloseTo(100, Percentage.withPercentage(1)); // rank floor(0.5 * 2) = 1
    assertThat(upload.latencyP95()).isCloseTo(100, Percentage.withPercentage(1)); // rank floor(1.9) = 1
    assertThat(upload.latencyP99()).isCloseTo(100, Percentage.withPercentage(1));
    assertThat(h0.steps().get(2).latencyP50()).isCloseTo(60, Percentage.withPercentage(1)); // {60, 200}: rank 0
    assertThat(h0.steps().get(0).latencyP50()).isNull();

    KpiBucket h1 = b.get(1); // E completed, F in progress
    assertThat(h1.attempts()).isEqualTo(2);
    assertThat(h1.inProgress()).isEqualTo(1);
    assertThat(h1.finished()).isEqualTo(1);
    assertThat(h1.completionRate()).isEqualTo(1.0); // 1 / 1: F counts in attempts only
    assertThat(h1.abandonmentRate()).isEqualTo(0.0);
    assertThat(h1.errorRate()).isEqualTo(0.0);
    assertThat(h1.timeOnTaskP75()).isCloseTo(900, Percentage.withPercentage(1));
  }

  @Test
  void thirtyMinuteBucketsComeFromMinuteRollups() {
    List<KpiBucket> b = f.kpis.series(J, T0, T0 + 2 * H, H / 2, Optional.empty(), Map.of()).buckets();
    // 10:00 {A 0, B 600, C 1200}, 10:30 {D 1800}, 11:00 {E 3600}, 11:30 {F 7000}
    assertThat(b).extracting(KpiBucket::time).containsExactly(T0, T0 + H / 2, T0 + H, T0 + 3 * H / 2);
    assertThat(b).extracting(KpiBucket::attempts).containsExactly(3L, 1L, 1L, 1L);
    assertThat(b.get(0).completionRate()).isCloseTo(2.0 / 3, within(1e-12)); // A B of A B C
    assertThat(b.get(1).errorRate()).isEqualTo(1.0); // D
    assertThat(b.get(3).completionRate()).isNull(); // nothing finished
  }

  @Test
  void wholeRangeSummaryAndSplitByCountry() {
    KpiBucket all = f.kpis.summary(J, T0, T0 + 2 * H, Optional.empty(), Map.of()).get(0);
    assertThat(all.attempts()).isEqualTo(6);
    assertThat(all.finished()).isEqualTo(5);
    assertThat(all.completionRate()).isCloseTo(0.6, within(1e-12)); // 3 / 5
    assertThat(all.abandonmentRate()).isCloseTo(0.4, within(1e-12)); // 2 / 5
    assertThat(all.errorRate()).isCloseTo(0.4, within(1e-12)); // B D of 5
    assertThat(all.timeOnTaskP50()).isCloseTo(600, Percentage.withPercentage(1)); // {300,600,900}: rank 1
    assertThat(all.timeOnTaskP95()).isCloseTo(600, Percentage.withPercentage(1)); // rank floor(1.9) = 1
    assertThat(all.steps()).extracting(KpiBucket.StepKpi::reached).containsExactly(6L, 5L, 3L, 3L);
    assertThat(all.steps()).extracting(KpiBucket.StepKpi::dropOff).containsExactly(0L, 1L, 2L, 0L);
    // done latency {180, 300, 780}: p50 rank 1 = 300, p99 rank floor(1.98) = 1 = 300
    assertThat(all.steps().get(3).latencyP50()).isCloseTo(300, Percentage.withPercentage(1));

    List<KpiBucket> byCountry = f.kpis.summary(J, T0, T0 + 2 * H, Optional.of("country"), Map.of());
    assertThat(byCountry).extracting(KpiBucket::group).containsExactly("DE", "NL");
    KpiBucket de = byCountry.get(0); // C D abandoned, F in progress
    assertThat(de.attempts()).isEqualTo(3);
    assertThat(de.completionRate()).isEqualTo(0.0); // 0 / 2
    assertThat(de.errorRate()).isEqualTo(0.5); // D of C D
    KpiBucket nl = byCountry.get(1); // A B E completed
    assertThat(nl.completionRate()).isEqualTo(1.0);
    assertThat(nl.errorRate()).isCloseTo(1.0 / 3, within(1e-12)); // B of A B E
  }

  @Test
  void filtersAndUnalignedRangesUseTheAttemptsAndAgree() {
    // app_version 2.4.1: A B F -> 3 attempts, 2 finished, both completed, B errored
    KpiBucket v = f.kpis.summary(J, T0, T0 + 2 * H, Optional.empty(), Map.of("app_version", "2.4.1")).get(0);
    assertThat(v.attempts()).isEqualTo(3);
    assertThat(v.completionRate()).isEqualTo(1.0);
    assertThat(v.errorRate()).isEqualTo(0.5);
    // 1 ms after A's start: A falls out -> B C D E F
    KpiBucket late = f.kpis.summary(J, T0 + 1, T0 + 2 * H, Optional.empty(), Map.of()).get(0);
    assertThat(late.attempts()).isEqualTo(5);
    assertThat(late.completionRate()).isEqualTo(0.5); // B E of B C D E
    // rollups (hour, 10-minute and minute rows) answer exactly what a scan of the attempts answers
    for (long bucket : new long[] {H, H / 2, 20 * 60_000L, 10 * 60_000L, 5 * 60_000L}) {
      for (Optional<String> split : List.of(Optional.<String>empty(), Optional.of("country"), Optional.of("device"))) {
        var fromRollups = f.kpis.series(J, T0, T0 + 2 * H, bucket, split, Map.of());
        var fromAttempts = f.kpis.seriesFromAttempts(J, T0, T0 + 2 * H, bucket, split, Map.of());
        assertThat(fromRollups).usingRecursiveComparison().isEqualTo(fromAttempts);
        assertThat(fromRollups.buckets()).isNotEmpty();
      }
    }
    assertThat(f.kpis.series(J, T0, T0 + 2 * H, H, Optional.of("device"), Map.of()).buckets())
        .extracting(KpiBucket::group).containsOnly("unknown");
  }

  /**
   * A range that is not whole minutes (what Grafana sends) is answered from hour and minute rollups plus the
   * attempts of its partial minutes, and agrees exactly with a scan of the attempts: an attempt counted twice or
   * missed at a seam would change the counts.
   */
  @Test
  void unalignedSummariesComposeRollupsWithTheEdgeAttemptsAndAgreeWithAScan() {
    long[][] ranges = {{T0 + 1, T0 + 2 * H}, {T0 + 30_500, T0 + H + 45_250}, {T0 - 7_000, T0 + 2 * H + 1},
        {T0 + 61_000, T0 + 62_000}, {T0 + 599_999, T0 + 3_600_001}, {T0 - H - 1, T0 + 3 * H + 17}};
    for (long[] r : ranges) {
      for (Optional<String> split : List.of(Optional.<String>empty(), Optional.of("country"))) {
        List<KpiBucket> composed = f.kpis.summary(J, r[0], r[1], split, Map.of());
        List<KpiBucket> scanned = f.kpis.summary(J, r[0], r[1], split, Map.of(), a -> true);
        assertThat(composed).as("[%d, %d) %s", r[0] - T0, r[1] - T0, split).usingRecursiveComparison()
            .isEqualTo(scanned);
      }
    }
    assertThat(f.kpis.summary(J, T0 + 1, T0 + 2 * H, Optional.empty(), Map.of()).get(0).attempts())
        .as("A starts at T0, 1 ms before the range").isEqualTo(5);
  }

  /**
   * A store created before the 10-minute level is marked by migration V8 and rebuilt by the sessionizer from its
   * events; until then reads use minute rows. The answers are the same before, during and after.
   */
  @Test
  void anOlderStoreIsRebuiltAndReadsMinuteRowsUntilThen() {
    long tenMinutes = 600_000L;
    var expected = f.kpis.series(J, T0, T0 + 2 * H, tenMinutes, Optional.of("country"), Map.of());
    long rows = tenMinuteRows();
    assertThat(rows).isPositive();
    f.writer.submit(h -> { // what V8 finds and does on a store written before it
      h.execute("DELETE FROM journey_rollups WHERE res_ms = 600000");
      h.execute("INSERT INTO journey_cursor (name, seq) SELECT 'rollups_rebuild_pending', seq FROM journey_cursor "
          + "WHERE name = 'events'");
      return h.execute("UPDATE journey_cursor SET seq = 0 WHERE name = 'events'");
    }).join();
    JourneyKpis reopened = new JourneyKpis(f.kpis.definitions(), f.attempts,
        new io.uxlens.store.JourneyRollupStore(f.store.jdbi()));
    assertThat(reopened.series(J, T0, T0 + 2 * H, tenMinutes, Optional.of("country"), Map.of()))
        .as("minute rows while rebuilding").usingRecursiveComparison().isEqualTo(expected);
    f.run();
    assertThat(tenMinuteRows()).isEqualTo(rows);
    assertThat(reopened.series(J, T0, T0 + 2 * H, tenMinutes, Optional.of("country"), Map.of()))
        .usingRecursiveComparison().isEqualTo(expected);
    long markers = f.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM journey_cursor WHERE name = "
        + "'rollups_rebuild_pending'").mapTo(Long.class).one());
    assertThat(markers).isZero();
  }

  private long tenMinuteRows() {
    return f.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM journey_rollups WHERE res_ms = 600000")
        .mapTo(Long.class).one());
  }

  /** A bucket size and a split, for the partial series compared with the full one. */
  private record Shape(long bucket, Optional<String> split) {}

  private static final List<Shape> SHAPES = java.util.stream.Stream.of(H, H / 2, 5 * 60_000L)
      .flatMap(b -> java.util.stream.Stream.of(new Shape(b, Optional.empty()), new Shape(b, Optional.of("country"))))
      .toList();

  /** One of JourneyKpis' series readers: the full series and each partial one take the same arguments. */
  private interface SeriesReader {
    KpiSeries read(String journey, long from, long to, long bucket, Optional<String> split,
                   Map<String, String> filters);
  }

  /** For every shape, the full series and the one {@code partial} reads, over the same two hours. */
  private void eachShape(SeriesReader partial, BiConsumer<List<KpiBucket>, List<KpiBucket>> check) {
    for (Shape shape : SHAPES) {
      SeriesReader full = f.kpis::series;
      check.accept(full.read(J, T0, T0 + 2 * H, shape.bucket(), shape.split(), Map.of()).buckets(),
          partial.read(J, T0, T0 + 2 * H, shape.bucket(), shape.split(), Map.of()).buckets());
    }
  }

  /** Attempts and rates read from rollups without their sketches agree with the full series, quantiles left out. */
  @Test
  void countsOnlySeriesAgreeWithTheFullSeries() {
    eachShape(f.kpis::counts, (full, counts) -> {
      assertThat(counts).usingRecursiveComparison()
          .comparingOnlyFields("time", "group", "attempts", "completed", "abandoned", "inProgress", "finished",
              "finishedWithError", "completionRate", "abandonmentRate", "errorRate")
          .isEqualTo(full);
      assertThat(counts).isNotEmpty().allSatisfy(b -> assertThat(b.timeOnTaskP50()).isNull());
    });
  }

  /**
   * The time on task series decodes no step sketches: everything but the steps' latencies equals the full series
   * (reached counts included), and those are null; a control checks the full series has step latencies to leave out.
   */
  @Test
  void timeOnTaskSeriesAgreeWithTheFullSeriesWithoutStepLatencies() {
    eachShape(f.kpis::timeOnTask, (full, tot) -> {
      assertThat(tot).usingRecursiveComparison().ignoringFields("steps").isEqualTo(full);
      assertThat(tot).isNotEmpty().anySatisfy(b -> assertThat(b.timeOnTaskP50()).isNotNull());
      assertThat(tot).extracting(b -> b.steps().stream().map(KpiBucket.StepKpi::reached).toList())
          .isEqualTo(full.stream().map(b -> b.steps().stream().map(KpiBucket.StepKpi::reached).toList()).toList());
      assertThat(tot).flatExtracting(KpiBucket::steps).allSatisfy(s -> assertThat(s.latencyP50()).isNull());
      assertThat(full).flatExtracting(KpiBucket::steps).anySatisfy(s -> assertThat(s.latencyP50()).isNotNull());
    });
  }

  /**
   * The step latency series decodes no time-on-task sketches: everything but time on task equals the full series
   * (every step's reached count and latency quantiles included), and time on task is null; a control checks the full
   * series has step latencies and times on task to compare and leave out.
   */
  @Test
  void stepLatencySeriesAgreeWithTheFullSeriesWithoutTimeOnTask() {
    eachShape(f.kpis::stepLatency, (full, steps) -> {
      assertThat(steps).usingRecursiveComparison()
          .ignoringFields("timeOnTaskP50", "timeOnTaskP75", "timeOnTaskP95").isEqualTo(full);
      assertThat(steps).isNotEmpty().allSatisfy(b -> assertThat(b.timeOnTaskP50()).isNull());
      assertThat(steps).flatExtracting(KpiBucket::steps).anySatisfy(s -> assertThat(s.latencyP95()).isNotNull());
      assertThat(full).anySatisfy(b -> assertThat(b.timeOnTaskP50()).isNotNull());
    });
  }

  @Test
  void bottlenecksByHand() {
    List<Bottlenecks.Step> steps = f.correlations.bottlenecks(J, T0, T0 + 2 * H, Map.of());
    assertThat(steps).extracting(Bottlenecks.Step::stepId).containsExactly("upload", "mapping", "done");
    Bottlenecks.Step upload = steps.get(0);
    // faced A B C D E (F unfinished), lost D (error at start); waits {60,100,100,60} -> lower median 60, p75 = rank
    // floor(0.75 x 3) = 2 -> 100. Errored D lost 1 of 1, the others 0 of 4: lost to errors 1 - 1 x 0 = 1; no wait
    // above 100 -> slowness 0; score 1. Trouble = D: completion 0/1; others A B E of A B C E: 3/4, impact 0.75.
    assertThat(upload.faced()).isEqualTo(5);
    assertThat(upload.lost()).isEqualTo(1);
    assertThat(upload.lostAfterError()).isEqualTo(1);
    assertThat(upload.medianLatencySeconds()).isEqualTo(60.0);
    assertThat(upload.slowThresholdSeconds()).isEqualTo(100.0);
    assertThat(upload.troubled()).isEqualTo(1);
    assertThat(upload.completionWithTrouble()).isEqualTo(0.0);
    assertThat(upload.completionWithout()).isEqualTo(0.75);
    assertThat(upload.lostToErrors()).isEqualTo(1.0);
    assertThat(upload.score()).isEqualTo(1.0);
    assertThat(upload.errorShare()).isEqualTo(1.0);
    Bottlenecks.Step mapping = steps.get(1);
    // faced A B C E, lost C (left at once: waited 0 without spans). Waits A 60, B 200, E 60 -> p75 rank 1 = 60.
    // Errored B reached (loss 0 < the others' 1/3) -> 0; slowness among A C E: none above 60 -> 0. Trouble = B:
    // completion 1/1, others 2/3, impact -1/3.
    assertThat(mapping.lost()).isEqualTo(1);
    assertThat(mapping.lostWaiting()).isEqualTo(1);
    assertThat(mapping.impact()).isCloseTo(-1.0 / 3, within(1e-12));
    assertThat(mapping.score()).isZero();
    assertThat(steps.get(2).lost()).isZero();
  }

  @Test
  void badQueriesNameTheParameter() {
    assertThatThrownBy(() -> f.kpis.series("nope", T0, T0 + H, H, Optional.empty(), Map.of()))
        .isInstanceOf(Refusal.class).extracting("field").isEqualTo("journey");
    assertThatThrownBy(() -> f.kpis.series(J, T0, T0 + H, H, Optional.of("shoe_size"), Map.of()))
        .isInstanceOf(Refusal.class).extracting("field").isEqualTo("groupBy");
    assertThatThrownBy(() -> f.kpis.series(J, T0, T0 + H, 0, Optional.empty(), Map.of()))
        .isInstanceOf(Refusal.class).extracting("field").isEqualTo("bucketMs");
    assertThatThrownBy(() -> f.kpis.summary(J, T0, T0, Optional.empty(), Map.of()))
        .isInstanceOf(Refusal.class).extracting("field").isEqualTo("range");
  }
}
