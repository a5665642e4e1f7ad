package io.uxlens.experiment;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.experiment.AttemptOutcome.Outcome;
import io.uxlens.ingest.ExposureCodec;
import io.uxlens.ingest.ExposureConfig;
import io.uxlens.model.Assignment;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentDataTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final long H = 3_600_000L;
  private static final ExperimentDefinition DEF = new ExperimentDefinition("exp", "import", ExperimentKpi.COMPLETION_RATE,
      List.of(new Variant("A", 1), new Variant("B", 1)), "A", null,
      Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 72 * H), false);

  private static AttemptOutcome at(String unit, long start, Outcome o, boolean err, Double secs) {
    return new AttemptOutcome(unit, start, o, err, secs);
  }

  @Test
  void countsOnlyAttemptsAfterExposureInsideTheWindow() {
    List<Assignment> assignments = List.of(
        new Assignment("exp", "u1", "A", T0 + H, "s1"),
        new Assignment("exp", "u2", "B", T0 + 2 * H, null),
        new Assignment("exp", "early", "B", T0 - H, null),      // before start: not counted
        new Assignment("other", "u3", "A", T0 + H, null));       // another experiment
    List<AttemptOutcome> attempts = List.of(
        at("u1", T0, Outcome.COMPLETED, false, 30.0),             // before exposure
        at("u1", T0 + 2 * H, Outcome.COMPLETED, true, 40.0),
        at("u1", T0 + 3 * H, Outcome.ABANDONED, false, null),
        at("u1", T0 + 4 * H, Outcome.IN_PROGRESS, true, null),    // in progress: attempts only, no error
        at("u2", T0 + 3 * H, Outcome.COMPLETED, false, 20.0),
        at("u2", T0 + 80 * H, Outcome.COMPLETED, false, 10.0),    // after stop
        at("early", T0 + 3 * H, Outcome.COMPLETED, false, 5.0),
        at("stranger", T0 + 3 * H, Outcome.COMPLETED, false, 5.0));
    Map<String, VariantData> data = ExperimentData.collect(DEF, assignments, attempts, false);
    assertThat(data).containsOnlyKeys("A", "B");
    assertThat(data.get("A")).isEqualTo(new VariantData(1, 3, 1, 1, 1, TimeStats.of(40.0)));
    assertThat(data.get("B")).isEqualTo(new VariantData(1, 1, 1, 0, 0, TimeStats.of(20.0)));

    Map<String, VariantData> first = ExperimentData.collect(DEF, assignments, attempts, true);
    assertThat(first.get("A")).isEqualTo(new VariantData(1, 1, 1, 0, 1, TimeStats.of(40.0)));
  }

  @Test
  void dailySnapshotsAreCumulative() {
    List<Assignment> assignments = List.of(new Assignment("exp", "u1", "A", T0 + H, null),
        new Assignment("exp", "u2", "B", T0 + 25 * H, null));
    List<AttemptOutcome> attempts = List.of(at("u1", T0 + 2 * H, Outcome.COMPLETED, false, 9.0),
        at("u2", T0 + 50 * H, Outcome.ABANDONED, false, null));
    List<DailySnapshot> days = ExperimentData.daily(DEF, assignments, attempts, false, ZoneOffset.UTC);
    assertThat(days).extracting(DailySnapshot::day).containsExactly(LocalDate.of(2026, 11, 2),
        LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 4));
    assertThat(days.get(0).cumulative()).containsOnlyKeys("A");
    assertThat(days.get(1).cumulative().get("B")).isEqualTo(VariantData.exposedOnly(1));
    assertThat(days.get(2).cumulative().get("B").abandoned()).isEqualTo(1);
    assertThat(ExperimentData.daily(DEF, List.of(), attempts, false, ZoneOffset.UTC)).isEmpty();
  }

  @Test
  void fromSegmentEventsThroughSqliteToTheResultsTable(@TempDir Path dir) throws Exception {
    // 400 units split by parity; A completes 60%, B 75% (first attempt after exposure each).
    List<Event> events = new ArrayList<>();
    List<AttemptOutcome> attempts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String variant = i % 2 == 0 ? "A" : "B";
      long ts = T0 + i * 60_000L;
      events.add(new Event("m" + i, "segment", "track", "Experiment Viewed", ts, ts, "user" + i, null, "s" + i,
          "{\"experiment_id\":\"exp\",\"variant_id\":\"" + variant + "\"}", "{}"));
      boolean completes = variant.equals("A") ? (i / 2) % 5 < 3 : (i / 2) % 4 < 3;
      attempts.add(at("user" + i, ts + 1000, completes ? Outcome.COMPLETED : Outcome.ABANDONED, false,
          completes ? 30.0 + i % 7 : null));
    }
    // One crossover: user0 (A) later sees B; it stays in A.
    events.add(new Event("x", "segment", "track", "Experiment Viewed", T0 + 30 * H, T0 + 30 * H, "user0", null,
        "s0b", "{\"experiment_id\":\"exp\",\"variant_id\":\"B\"}", "{}"));
    try (Store store = TestStores.open(dir, "uxlens"); Writer writer = new Writer(store.jdbi(), 16)) {
      List<Exposure> exposures = ExposureCodec.fromEvents(events, ExposureConfig.SEGMENT);
      writer.submit(h -> ExposureStore.insert(h, exposures)).get(10, TimeUnit.SECONDS);
      ExposureStore read = new ExposureStore(store.jdbi());
      assertThat(read.crossovers("exp")).isEqualTo(1);
      Map<String, VariantData> data = ExperimentData.collect(DEF, read.assignments("exp"), attempts, true);
      ExperimentResult r = ExperimentAnalysis.analyze(DEF, data);
      assertThat(r.status()).isEqualTo(ExperimentResult.OK);
      assertThat(r.rows()).extracting(VariantResult::units).containsExactly(200L, 200L);
      assertThat(r.rows()).extracting(VariantResult::value).containsExactly(0.6, 0.75);
      // 120/200 vs 150/200: unpooled z, SciPy 2 * norm.sf(0.15 / sqrt(.6*.4/200 + .75*.25/200)) = 0.00117686591.
      assertThat(r.rows().get(1).pValue()).isCloseTo(0.0011768659106247378, within(1e-12));
      assertThat(r.rows().get(1).direction()).isEqualTo("better");
    }
  }
}
