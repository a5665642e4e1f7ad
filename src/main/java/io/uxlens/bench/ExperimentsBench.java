package io.uxlens.bench;

import io.uxlens.experiment.ExperimentCatalog;
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
import io.uxlens.query.experiment.ExperimentInputs;
import io.uxlens.query.experiment.ExperimentLift;
import io.uxlens.query.experiment.ExperimentResults;
import io.uxlens.store.AttemptTransaction;
import io.uxlens.store.ExperimentFirstAttempts;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code uxlens bench experiments}: experiment.results and experiment.lift answered from the maintained
 * first-attempt table against the raw join of every attempt with every assignment (the baseline), on the same store
 * in the same run, at a given number of units and attempts per unit. Each timed run asks both paths in turn, so
 * they share the machine's load; the frames must be equal or the bench fails.
 */
public final class ExperimentsBench {
  static final String EXPERIMENT = "bench-experiment";
  private static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final List<String> VARIANTS = List.of("A", "B", "C");

  private final int units;
  private final int attemptsPerUnit;
  private final int days;
  private final int runs;
  private final PrintStream out;

  /** One metric's timings, ms: raw join, then table. */
  public record Result(String metric, double rawP50, double rawP95, double tableP50, double tableP95) {}

  public ExperimentsBench(int units, int attemptsPerUnit, int days, int runs, PrintStream out) {
    this.units = units;
    this.attemptsPerUnit = attemptsPerUnit;
    this.days = days;
    this.runs = runs;
    this.out = out;
  }

  /** Builds the store in {@code dir} unless it is there from an earlier run, then times both paths. */
  public List<Result> run(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path db = dir.resolve("experiments-" + units + "x" + attemptsPerUnit + "-" + days + "d.db");
    JourneyDefinitions journeys = JourneyDefinitions.loadDefault();
    String journey = journeys.all().get(0).id();
    ExperimentCatalog catalog = ExperimentCatalog.parse("experiments:\n  - id: " + EXPERIMENT + "\n    journey: "
        + journey + "\n    metric: completion_rate\n    control: A\n    variants: [{id: A}, {id: B}, {id: C}]\n"
        + "    minimum_detectable_effect: {absolute: 0.02}\n");
    boolean fresh = !Files.exists(db);
    try (Store store = Store.open(db.toString())) {
      if (fresh) {
        long start = System.nanoTime();
        try (Writer writer = new Writer(store.jdbi(), 64)) {
          build(writer, journey);
        }
        out.printf("built %s: %,d units, %,d attempts of '%s' over %d days in %.1f s%n", db, units,
            (long) units * attemptsPerUnit, journey, days, (System.nanoTime() - start) / 1e9);
      } else {
        out.printf("reusing %s%n", db);
      }
      ExposureStore exposures = new ExposureStore(store.jdbi());
      JourneyKpis kpis = new JourneyKpis(journeys, new JourneyStore(store.jdbi()),
          new JourneyRollupStore(store.jdbi()));
      ExperimentInputs raw = ExperimentInputs.raw(catalog, exposures, kpis);
      ExperimentInputs table = new ExperimentInputs(catalog, exposures, new ExperimentFirstAttempts(store.jdbi()),
          kpis);
      TimeRange range = new TimeRange(T0, T0 + days * DAY);
      MetricQuery q = new MetricQuery("A", range, Buckets.of(range, HOUR, 1_000),
          Payload.of(Map.of("experiment", EXPERIMENT)), List.of());
      List<Result> results = new ArrayList<>();
      results.add(time(new ExperimentResults(raw), new ExperimentResults(table), q));
      results.add(time(new ExperimentLift(raw), new ExperimentLift(table), q));
      out.printf("%n%d runs each, ms (load: %s)%n", runs, loadAverage());
      out.printf("%-20s %9s %9s %9s %9s %8s %8s%n", "metric", "raw p50", "raw p95", "table p50", "table p95",
          "p50 x", "p95 x");
      for (Result r : results) {
        out.printf("%-20s %9.1f %9.1f %9.1f %9.1f %8.3f %8.3f%n", r.metric(), r.rawP50(), r.rawP95(), r.tableP50(),
            r.tableP95(), r.tableP50() / r.rawP50(), r.tableP95() / r.rawP95());
      }
      out.println("(x: table / raw, same run; frames equal on both paths)");
      return results;
    }
  }

  private Result time(Metric raw, Metric table, MetricQuery q) {
    String want = Json.write(raw.query(q));
    String got = Json.write(table.query(q));
    if (!want.equals(got)) {
      throw new IllegalStateException(raw.id() + ": the table's frames differ from the raw join's");
    }
    double[] r = new double[runs];
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long a = System.nanoTime();
      raw.query(q);
      long b = System.nanoTime();
      table.query(q);
      long c = System.nanoTime();
      r[i] = (b - a) / 1e6;
      t[i] = (c - b) / 1e6;
    }
    Arrays.sort(r);
    Arrays.sort(t);
    return new Result(raw.id(), DashboardReplay.quantile(r, 0.5), DashboardReplay.quantile(r, 0.95),
        DashboardReplay.quantile(t, 0.5), DashboardReplay.quantile(t, 0.95));
  }

  /** Units exposed over the days, 10% of them also to a second variant; attempts in sessions of up to 4. */
  private void build(Writer writer, String journey) {
    Random random = new Random(42);
    List<Exposure> exposures = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Attempt> attempts = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      String unit = "user-" + u;
      long exposed = T0 + (long) (random.nextDouble() * (days - 1) * DAY);
      String variant = VARIANTS.get(random.nextInt(VARIANTS.size()));
      exposures.add(new Exposure(EXPERIMENT, variant, unit, null, exposed));
      if (random.nextInt(10) == 0) {
        exposures.add(new Exposure(EXPERIMENT, VARIANTS.get((VARIANTS.indexOf(variant) + 1) % 3), unit, null,
            exposed + HOUR));
      }
      String key = null;
      for (int i = 0; i < attemptsPerUnit; i++) {
        if (i % 4 == 0) {
          key = unit + "-s" + i;
          keys.add(key);
        }
        long start = exposed - HOUR + (long) (random.nextDouble() * (T0 + days * DAY - exposed));
        Outcome o = Outcome.values()[random.nextInt(3)];
        Long end = o == Outcome.IN_PROGRESS ? null : start + 1_000 + random.nextInt(300_000);
        List<Long> steps = List.of(start);
        attempts.add(new Attempt(unit + "-a" + i, journey, key, key, unit, start, end, end == null ? start : end,
            end == null ? start + HOUR : null, o, 0, "start", steps, random.nextInt(5) == 0 ? 1 : 0,
            List.of(), Map.of(), null));
      }
      if (exposures.size() >= 500 || u == units - 1) {
        List<Exposure> batch = List.copyOf(exposures);
        writer.submit(h -> ExposureStore.insert(h, batch)).join();
        exposures.clear();
        List<String> batchKeys = List.copyOf(keys);
        List<Attempt> batchAttempts = List.copyOf(attempts);
        AttemptTransaction.submit(writer, t -> {
          t.replaceAttempts(batchKeys, batchAttempts);
          return null;
        }).join();
        keys.clear();
        attempts.clear();
      }
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
