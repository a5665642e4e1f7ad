package io.uxlens.query.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.json.Json;
import io.uxlens.model.Attempt;
import io.uxlens.model.Exposure;
import io.uxlens.model.Outcome;
import io.uxlens.query.Buckets;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.store.AttemptTransaction;
import io.uxlens.store.ExperimentFirstAttempts;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RetentionJob;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment metrics read from the maintained first-attempt table answer exactly what the raw join of every
 * attempt with every assignment answers, frame for frame, on random data: three experiments (rates with a
 * start/stop window, time on task, one only discovered), crossovers, repeated attempts, units that never attempt,
 * exposures after attempts and earlier exposures arriving late, attempts without a user and by outsiders, sessions
 * recomputed with other outcomes, and retention deleting old attempts. Checked with half the data written, with
 * all of it, and after retention, on several ranges.
 */
class ExperimentAggregatesTest {
  static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  @TempDir Path dir;

  @Test
  void tableAnswersEqualTheRawJoinAsDataArrives() throws Exception {
    Path journeys = Files.writeString(dir.resolve("journeys.yml"), """
        journeys:
          - id: checkout
            steps: [{id: cart, event: Cart Viewed}, {id: paid, event: Order Completed}]
            abandon_after: 1h
          - id: signup
            steps: [{id: start, event: Signup Started}, {id: done, event: Signup Completed}]
            abandon_after: 1h
        """);
    ExperimentCatalog catalog = ExperimentCatalog.parse("""
        experiments:
          - id: rate-test
            journey: checkout
            metric: completion_rate
            control: A
            variants: [{id: A}, {id: B}, {id: C}]
            minimum_detectable_effect: {absolute: 0.05}
            start: 2026-03-02T00:00:00Z
            stop: 2026-03-05T12:00:00Z
          - id: time-test
            journey: signup
            metric: time_on_task
            control: X
            variants: [{id: X}, {id: Y}]
        """);
    Random random = new Random(20261202L);
    List<Exposure> exposures = exposures(random);
    Map<String, List<Attempt>> sessions = sessions(random);
    List<String> keys = new ArrayList<>(sessions.keySet());
    Collections.shuffle(exposures, random);
    Collections.shuffle(keys, random);

    try (Store store = TestStores.open(dir, "experiments"); Writer writer = new Writer(store.jdbi(), 64)) {
      ExposureStore exposureStore = new ExposureStore(store.jdbi());
      JourneyKpis kpis = new JourneyKpis(JourneyDefinitions.load(journeys), new JourneyStore(store.jdbi()),
          new JourneyRollupStore(store.jdbi()));
      ExperimentInputs raw = ExperimentInputs.raw(catalog, exposureStore, kpis);
      ExperimentInputs table = new ExperimentInputs(catalog, exposureStore,
          new ExperimentFirstAttempts(store.jdbi()), kpis);

      write(writer, exposures.subList(0, exposures.size() / 2), sessions, keys.subList(0, keys.size() / 2));
      assertSame(raw, table, exposureStore, 2);

      write(writer, exposures.subList(exposures.size() / 2, exposures.size()), sessions,
          keys.subList(keys.size() / 2, keys.size()));
      // the sessionizer recomputes some sessions: open attempts finish, one attempt goes
      List<String> redo = keys.subList(0, keys.size() / 5);
      for (String k : redo) {
        sessions.put(k, recomputed(sessions.get(k), random));
      }
      write(writer, List.of(), sessions, redo);
      assertSame(raw, table, exposureStore, RANGES.length);

      RetentionJob retention = new RetentionJob(RetentionPolicy.parse(null, "3d"), store, writer,
          () -> T0 + 4 * DAY + 7 * HOUR, 50, 0, 60_000, null);
      assertThat(retention.runOnce().deleted().get("journey_attempts")).isPositive();
      assertSame(raw, table, exposureStore, 2);

      // control: the table path reads the table, so losing its rows changes the answer
      long rows = store.jdbi().withHandle(h -> h.createUpdate(
          "DELETE FROM experiment_first_attempts WHERE experiment = 'rate-test' AND unit_id IN ('u1', 'u2', 'u3', "
              + "'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10')").execute());
      assertThat(rows).isPositive();
      MetricQuery q = query(T0 - DAY, T0 + 6 * DAY, "rate-test", Map.of());
      assertThat(Json.write(new ExperimentResults(table).query(q)))
          .isNotEqualTo(Json.write(new ExperimentResults(raw).query(q)));
    }
  }

  @Test
  void upgradingAStoreThatHoldsDataFillsTheTablesAsWritingWouldHave() throws Exception {
    Random random = new Random(7L);
    List<Exposure> exposures = exposures(random);
    Map<String, List<Attempt>> sessions = sessions(random);
    String db = TestStores.db(dir, "upgrade");
    List<String> maintained;
    try (Store store = Store.open(db); Writer writer = new Writer(store.jdbi(), 64)) {
      List<String> keys = new ArrayList<>(sessions.keySet());
      write(writer, List.of(), sessions, keys.subList(0, keys.size() / 2)); // attempts before exposures too
      write(writer, exposures, sessions, keys.subList(keys.size() / 2, keys.size()));
      maintained = tables(store);
      // back to the store as V15 left it: no V16 (or later) objects, none applied
      store.jdbi().useHandle(h -> {
        h.execute("DROP TABLE experiment_first_attempts");
        h.execute("DROP TABLE experiment_variants");
        h.execute("DROP INDEX experiment_units_unit");
        h.execute("DROP INDEX journey_attempts_user");
        h.execute("DELETE FROM flyway_schema_history WHERE version = '16'");
        // and V17-V19 after it (the events-by-session index, dirty minutes, driver rollups), which the reopening
        // applies again
        h.execute("DROP TABLE event_sessions");
        h.execute("DELETE FROM journey_cursor WHERE name = 'event_sessions'");
        h.execute("CREATE INDEX events_session ON events (session_id, ts)");
        h.execute("CREATE INDEX events_user_nosession ON events (user_id, ts) WHERE session_id IS NULL");
        h.execute("CREATE INDEX events_anon_nosession ON events (anonymous_id, ts) "
            + "WHERE session_id IS NULL AND user_id IS NULL");
        h.execute("DELETE FROM flyway_schema_history WHERE version = '17'");
        h.execute("DROP TABLE journey_rollup_dirty");
        h.execute("DELETE FROM flyway_schema_history WHERE version = '18'");
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
      });
    }
    assertThat(maintained).hasSizeGreaterThan(100);
    try (Store reopened = Store.open(db)) {
      assertThat(tables(reopened)).isEqualTo(maintained);
    }
  }

  private static List<String> tables(Store store) {
    return store.jdbi().withHandle(h -> {
      List<String> rows = new ArrayList<>(h.createQuery("SELECT experiment, journey, unit_id, start_ms, outcome, "
              + "errored, time_on_task_s FROM experiment_first_attempts ORDER BY experiment, journey, unit_id")
          .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)
              + " " + rs.getString(5) + " " + rs.getInt(6) + " " + rs.getObject(7))
          .list());
      rows.addAll(h.createQuery("SELECT experiment, variant FROM experiment_variants ORDER BY experiment, variant")
          .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)).list());
      return rows;
    });
  }

  static final long[][] RANGES = {
      {T0 - DAY, T0 + 6 * DAY}, // everything
      {T0, T0 + 2 * DAY + 5 * HOUR + 12_345}, // ends mid-day
      {T0 + DAY, T0 + 3 * DAY + 17 * HOUR}, // starts late: lift shows fewer days, the data still from the start
      {T0 + 5 * DAY, T0 + 6 * DAY}, // after rate-test's stop
  };

  /** Every experiment metric, both paths, on the first {@code rangeCount} ranges: the frames must be equal. */
  private static void assertSame(ExperimentInputs raw, ExperimentInputs table, ExposureStore exposures,
                                 int rangeCount) {
    long[][] ranges = java.util.Arrays.copyOf(RANGES, rangeCount);
    List<Map<String, String>> options = List.of(
        Map.of("experiment", "rate-test"),
        Map.of("experiment", "rate-test", "scale", "relative", "attempts", "first"),
        Map.of("experiment", "time-test"),
        Map.of("experiment", "found-test", "journey", "checkout"),
        Map.of("experiment", "found-test"));
    int compared = 0;
    boolean someOk = false;
    for (long[] r : ranges) {
      for (Map<String, String> o : options) {
        MetricQuery q = query(r[0], r[1], null, o);
        List<Metric> tableMetrics = List.of(new ExperimentResults(table), new ExperimentLift(table),
            new ExperimentExposures(table, exposures));
        List<Metric> rawMetrics = List.of(new ExperimentResults(raw), new ExperimentLift(raw),
            new ExperimentExposures(raw, exposures));
        for (int i = 0; i < tableMetrics.size(); i++) {
          List<DataFrame> want = rawMetrics.get(i).query(q);
          String got = Json.write(tableMetrics.get(i).query(q));
          assertThat(got).as("%s %s on [%s, %s)", rawMetrics.get(i).id(), o, Instant.ofEpochMilli(r[0]),
              Instant.ofEpochMilli(r[1])).isEqualTo(Json.write(want));
          someOk |= got.contains("\"ok\"");
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(ranges.length * options.size() * 3);
    assertThat(someOk).as("some results compare variants").isTrue();
  }

  private static MetricQuery query(long from, long to, String experiment, Map<String, String> options) {
    Map<String, String> payload = new TreeMap<>(options);
    if (experiment != null) {
      payload.put("experiment", experiment);
    }
    TimeRange range = new TimeRange(from, to);
    return new MetricQuery("A", range, Buckets.of(range, HOUR, 200), Payload.of(payload), List.of());
  }

  private static void write(Writer writer, List<Exposure> exposures, Map<String, List<Attempt>> sessions,
                            List<String> keys) {
    for (int i = 0; i < exposures.size(); i += 40) {
      List<Exposure> batch = exposures.subList(i, Math.min(exposures.size(), i + 40));
      writer.submit(h -> ExposureStore.insert(h, batch)).join();
    }
    for (int i = 0; i < keys.size(); i += 25) {
      List<String> part = keys.subList(i, Math.min(keys.size(), i + 25));
      List<Attempt> attempts = new ArrayList<>();
      part.forEach(k -> attempts.addAll(sessions.get(k)));
      AttemptTransaction.submit(writer, t -> {
        t.replaceAttempts(part, attempts);
        return null;
      }).join();
    }
  }

  /** Units u0..u119 in each experiment with some chance; 15% also see another variant, before or after. */
  private static List<Exposure> exposures(Random random) {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("rate-test", List.of("A", "B", "C"));
    variants.put("time-test", List.of("X", "Y"));
    variants.put("found-test", List.of("P", "Q"));
    List<Exposure> out = new ArrayList<>();
    for (int u = 0; u < 120; u++) {
      for (Map.Entry<String, List<String>> e : variants.entrySet()) {
        if (random.nextDouble() < 0.3) {
          continue; // never exposed
        }
        List<String> vs = e.getValue();
        String variant = vs.get(random.nextInt(vs.size()));
        long at = T0 - 12 * HOUR + (long) (random.nextDouble() * 5 * DAY);
        out.add(new Exposure(e.getKey(), variant, "u" + u, random.nextBoolean() ? "s" + u : null, at));
        if (random.nextDouble() < 0.3) { // seen again, same variant, another session
          out.add(new Exposure(e.getKey(), variant, "u" + u, "t" + u, at + (long) (random.nextDouble() * DAY)));
        }
        if (random.nextDouble() < 0.15) { // a crossover, at a time either side of the first
          String other = vs.get((vs.indexOf(variant) + 1) % vs.size());
          out.add(new Exposure(e.getKey(), other, "u" + u, null, at + (long) ((random.nextDouble() - 0.5) * DAY)));
        }
      }
    }
    return out;
  }

  /** Sessions of 1..3 attempts: units' (some never attempt), outsiders' and some without a user. */
  private static Map<String, List<Attempt>> sessions(Random random) {
    Map<String, List<Attempt>> out = new LinkedHashMap<>();
    int n = 0;
    for (int u = 0; u < 150; u++) {
      String user = u < 120 ? "u" + u : u < 140 ? "outsider" + u : null;
      if (u < 120 && random.nextDouble() < 0.15) {
        continue; // exposed, never attempts
      }
      int count = 1 + random.nextInt(4);
      for (int s = 0; s < count; s++) {
        String key = "k" + (n++);
        List<Attempt> attempts = new ArrayList<>();
        int size = 1 + random.nextInt(3);
        long start = T0 - 12 * HOUR + (long) (random.nextDouble() * 5 * DAY);
        for (int i = 0; i < size; i++) {
          attempts.add(attempt(key + "-" + i, random.nextBoolean() ? "checkout" : "signup", key, user,
              random.nextInt(20) == 0 ? start : start + i * (long) (random.nextDouble() * 2 * HOUR),
              Outcome.values()[random.nextInt(3)], random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0, random));
        }
        out.put(key, attempts);
      }
    }
    return out;
  }

  private static List<Attempt> recomputed(List<Attempt> attempts, Random random) {
    List<Attempt> out = new ArrayList<>();
    for (Attempt a : attempts) {
      if (attempts.size() > 1 && random.nextInt(3) == 0) {
        continue;
      }
      Outcome o = a.outcome() == Outcome.IN_PROGRESS ? Outcome.COMPLETED : a.outcome();
      out.add(attempt(a.id(), a.journey(), a.sessionKey(), a.userId(), a.start(), o, a.errorCount(), random));
    }
    return out;
  }

  private static Attempt attempt(String id, String journey, String session, String user, long start, Outcome o,
                                 int errors, Random random) {
    Long end = o == Outcome.IN_PROGRESS ? null : start + 1_000 + random.nextInt(600_000);
    Long deadline = o == Outcome.IN_PROGRESS ? start + HOUR : null;
    List<Long> steps = o == Outcome.COMPLETED ? List.of(start, end) : List.of(start);
    List<String> errorSteps = Collections.nCopies(errors, "cart");
    return new Attempt(id, journey, session, session, user, start, end, end == null ? start : end, deadline, o,
        steps.size() - 1, steps.size() == 1 ? (journey.equals("checkout") ? "cart" : "start")
            : (journey.equals("checkout") ? "paid" : "done"), steps, errors, errorSteps, Map.of(), null);
  }
}
