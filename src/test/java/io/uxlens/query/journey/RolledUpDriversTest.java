package io.uxlens.query.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.explain.Dimension;
import io.uxlens.explain.Driver;
import io.uxlens.explain.Drivers;
import io.uxlens.explain.Kpi;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Span;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.SessionizedStore;
import io.uxlens.testing.TestStores;
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
 * The drivers table from the rollups against the same table from every attempt, on noisy traffic it was not
 * designed around: four days of inventory-import sessions with random versions, countries, devices, waits, errors
 * and span latencies, and one planted driver (release 2.5.0, shipped on day four, breaks the mapping step: more
 * errors, more users leave). Every row must be equal (segments, units, KPIs, effects, p-values, rank), and the
 * planted move must be dated within minutes of the release (other rows' starts within 90 minutes of the attempts
 * path's: the rollups date a unit by the minute its attempt started, the scan by when its outcome was known).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolledUpDriversTest {
  static final long T0 = 1_777_629_600_000L; // 2026-05-01T10:00:00Z
  static final long DAY = 86_400_000L;
  static final long RELEASE = T0 + 3 * DAY + 5 * 3_600_000L + 17 * 60_000L;
  static final String J = "inventory-import";
  static final String[] STEPS = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};

  @TempDir
  static Path dir;
  SessionizedStore loaded;
  JourneyKpis kpis;
  JourneyDefinition journey;
  // unaligned, as Grafana sends them: every rollup level and the edge attempts take part
  final long from = T0 + 2 * DAY + 12_345;
  final long to = T0 + 4 * DAY - 7_777;

  @BeforeAll
  void load() {
    List<Event> events = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    generate(new Random(11), events, spans);
    loaded = SessionizedStore.load(dir, "rolled-up-drivers", events, spans);
    kpis = loaded.kpis();
    journey = loaded.journeys().byId(J).orElseThrow();
  }

  @AfterAll
  void close() {
    loaded.close();
  }

  @Test
  void everyRowEqualsTheAttemptsPathAndTheReleaseLeads() {
    long length = to - from;
    List<Attempt> before = kpis.attempts(J, from - length, from, Map.of());
    List<Attempt> after = kpis.attempts(J, from, to, Map.of());
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    assertThat(both).hasSizeGreaterThan(5_000);
    for (Kpi kpi : List.of(Kpi.COMPLETION_RATE, Kpi.ERROR_RATE, Kpi.ABANDONMENT_RATE)) {
      for (Drivers.Ranking ranking : Drivers.Ranking.values()) {
        List<Dimension> dims = Dimension.all(both);
        Drivers.Analysis scanned = Drivers.analyse(kpi, before, after, dims, 30, ranking).withChangeStarts(5, dims);
        Drivers.Analysis rolled = RolledUpDrivers.analyse(kpis, journey, kpi, new long[] {from - length, from},
            new long[] {from, to}, 30, ranking, 5, 0).orElseThrow();
        assertThat(rolled.units0()).isEqualTo(scanned.units0());
        assertThat(rolled.units1()).isEqualTo(scanned.units1());
        assertThat(rolled.kpi0()).isEqualTo(scanned.kpi0());
        assertThat(rolled.kpi1()).isEqualTo(scanned.kpi1());
        assertThat(rolled.rows()).hasSize(scanned.rows().size()).hasSizeGreaterThan(15);
        for (int i = 0; i < scanned.rows().size(); i++) {
          Driver s = scanned.rows().get(i);
          Driver r = rolled.rows().get(i);
          assertThat(r.withoutChangeStart()).as(kpi + " " + ranking + " row " + i).isEqualTo(s.withoutChangeStart());
          if (i < 5 && s.changeStart() != null) {
            // rollups date a unit by the minute its attempt started, the scan by when its outcome was known, and a
            // run's start on a noisy move shifts with that; the planted move's start is held tighter below
            assertThat(r.changeStart()).as(kpi + " " + ranking + " start of " + s.segment())
                .isBetween(s.changeStart() - 90 * 60_000L, s.changeStart() + 90 * 60_000L);
          }
        }
      }
    }
    Drivers.Analysis completion = RolledUpDrivers.analyse(kpis, journey, Kpi.COMPLETION_RATE,
        new long[] {from - length, from}, new long[] {from, to}, 30, Drivers.Ranking.EXCESS, 5, 0).orElseThrow();
    Driver top = completion.rows().get(0);
    assertThat(top.dimension() + " " + top.segment()).isEqualTo("app_version 2.5.0");
    assertThat(top.changeStart()).isBetween(RELEASE, RELEASE + 10 * 60_000L);
    Drivers.Analysis errors = RolledUpDrivers.analyse(kpis, journey, Kpi.ERROR_RATE,
        new long[] {from - length, from}, new long[] {from, to}, 30, Drivers.Ranking.EXCESS, 5, 0).orElseThrow();
    assertThat(errors.rows().get(0).dimension() + " " + errors.rows().get(0).segment())
        .isEqualTo("app_version 2.5.0");
    assertThat(errors.rows().get(0).changeStart()).isBetween(RELEASE, RELEASE + 10 * 60_000L);
  }

  @Test
  void smallWindowsAndTimeOnTaskAreLeftToTheAttempts() {
    long length = to - from;
    // more units than the exact limit: the rollups answer; at most that many: the attempts do (exact dating)
    assertThat(RolledUpDrivers.analyse(kpis, journey, Kpi.COMPLETION_RATE, new long[] {from - length, from},
        new long[] {from, to}, 30, Drivers.Ranking.EXCESS, 5, 1_000)).isPresent();
    assertThat(RolledUpDrivers.analyse(kpis, journey, Kpi.COMPLETION_RATE, new long[] {from - length, from},
        new long[] {from, to}, 30, Drivers.Ranking.EXCESS, 5, 1_000_000)).isEmpty();
    assertThat(RolledUpDrivers.analyse(kpis, journey, Kpi.TIME_ON_TASK_P50, new long[] {from - length, from},
        new long[] {from, to}, 30, Drivers.Ranking.EXCESS, 5, 0)).isEmpty();
  }

  @Test
  void aStoreFromBeforeTheDriverRowsIsRebuiltAndTheAttemptsAnswerUntilThen() {
    List<Event> events = new ArrayList<>();
    generate(new Random(5), events, new ArrayList<>());
    List<Event> firstDay = events.stream().filter(e -> e.timestamp() < T0 + DAY).toList();
    String db = TestStores.db(dir, "upgrade");
    JourneyDefinitions defs = JourneyDefinitions.loadDefault();
    List<String> dims = List.of("latency_cell", "error_seen", "last_step", "country");
    Map<String, ?> expected;
    try (Store s = Store.open(db); Writer w = new Writer(s.jdbi(), 64)) {
      RecordBatch.EMPTY.withEvents(firstDay).writeWith(w).join();
      JourneyStore attempts = new JourneyStore(s.jdbi());
      new Sessionizer(defs, attempts, new SessionTelemetryStore(s.jdbi()), w).runOnce();
      expected = new JourneyKpis(defs, attempts, new JourneyRollupStore(s.jdbi()))
          .segmentCounts(J, T0, T0 + DAY, dims).orElseThrow();
      s.jdbi().useHandle(h -> { // the store as V18 left it: no driver rows, V19 and V20 not applied
        h.execute("DELETE FROM journey_rollups WHERE dim IN ('latency_cell', 'error_seen', 'last_step')");
        h.execute("DROP INDEX journey_rollups_range");
        h.execute("CREATE INDEX journey_rollups_range ON journey_rollups (journey, res_ms, dim, bucket_ms)");
        h.execute("ALTER TABLE journey_rollups DROP COLUMN errored");
        h.execute("DELETE FROM flyway_schema_history WHERE version = '19'");
        h.execute("DROP INDEX journey_attempts_lost"); // nor V20
        h.execute("DELETE FROM flyway_schema_history WHERE version = '20'");
        h.execute("DROP TABLE complaint_phrases"); // nor V21
        h.execute("DROP TABLE complaint_days");
        h.execute("DROP TABLE complaint_cursor");
        h.execute("DELETE FROM flyway_schema_history WHERE version = '21'");
        TestStores.unapplyFrom22(h); // nor V22 to V24
        // seqs taken by rows not kept (deleted, or never stored) leave the cursor past the newest stored event
        h.execute("UPDATE journey_cursor SET seq = seq + 1000 WHERE name = 'events'");
      });
    }
    try (Store s = Store.open(db); Writer w = new Writer(s.jdbi(), 64)) {
      JourneyStore attempts = new JourneyStore(s.jdbi());
      JourneyKpis reopened = new JourneyKpis(defs, attempts, new JourneyRollupStore(s.jdbi()));
      assertThat(reopened.segmentCounts(J, T0, T0 + DAY, dims)).as("rebuilding: the attempts answer").isEmpty();
      new Sessionizer(defs, attempts, new SessionTelemetryStore(s.jdbi()), w).runOnce();
      JourneyKpis rebuilt = new JourneyKpis(defs, attempts, new JourneyRollupStore(s.jdbi()));
      Map<String, ?> after = rebuilt.segmentCounts(J, T0, T0 + DAY, dims).orElseThrow();
      assertThat(after).usingRecursiveComparison().isEqualTo(expected);
      assertThat(((Map<?, ?>) after.get("error_seen")).keySet()).map(Object::toString).containsExactly("no", "yes");
    }
  }

  /**
   * Sessions every ~30 s for four days. Before the release half the users are on 2.4.1, half on 2.4.2; from the
   * release on, 60% are on 2.5.0, whose mapping step errors 30% of the time (else 4%) and loses 45% of users (else
   * 10%). Countries, devices, waits and span latencies (log-uniform 20 ms to 3 s) are noise.
   */
  private static void generate(Random rnd, List<Event> events, List<Span> spans) {
    String[] countries = {"DE", "GB", "FR", "US", "NL", "SE"};
    String[] devices = {"desktop", "mobile", "tablet"};
    long t = T0;
    int n = 0;
    while (t < T0 + 4 * DAY) {
      String session = "s" + n++;
      String version = t >= RELEASE && rnd.nextDouble() < 0.6 ? "2.5.0" : rnd.nextBoolean() ? "2.4.1" : "2.4.2";
      boolean broken = version.equals("2.5.0");
      String context = "{\"app\":{\"version\":\"" + version + "\"},\"device\":{\"type\":\""
          + devices[rnd.nextInt(devices.length)] + "\"},\"location\":{\"country\":\""
          + countries[rnd.nextInt(countries.length)] + "\"}}";
      double latency = 20 * Math.pow(150, rnd.nextDouble());
      long time = t;
      for (int i = 0; i < STEPS.length; i++) {
        if (i > 0) {
          spans.add(new Span("t-" + session, "sp-" + n + "-" + i, null, session, "import-api", "POST /step" + i,
              "server", time + 100, latency * (0.8 + 0.4 * rnd.nextDouble()), "ok", 200, null, "{}"));
          boolean errored = i == 2 && rnd.nextDouble() < (broken ? 0.3 : 0.04);
          if (errored) {
            events.add(event(session, "Import Failed", time + 500, context));
          }
          double leave = i == 2 ? (broken ? 0.45 : 0.1) : 0.05;
          if (rnd.nextDouble() < leave) {
            break;
          }
          time += (long) (1_000 * Math.pow(30, rnd.nextDouble()));
        }
        events.add(event(session, STEPS[i], time, context));
      }
      t += 1_000 + rnd.nextInt(58_000);
    }
    events.add(event("late", "Page Viewed", T0 + 5 * DAY, "{}"));
  }

  private static Event event(String session, String name, long ts, String context) {
    return new Event(session + "-" + name.replace(' ', '-') + "-" + ts, "segment", "track", name, ts, ts,
        "u-" + session, null, session, "{}", context);
  }
}
