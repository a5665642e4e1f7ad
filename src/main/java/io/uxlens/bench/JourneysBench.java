package io.uxlens.bench;

import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.KpiBucket;
import io.uxlens.journey.Sessionizer;
import io.uxlens.journey.SessionizerService;
import io.uxlens.model.Event;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code uxlens bench journeys}: loads N, then factor x N, synthetic events (7 days) through the real writer into a
 * fresh SQLite file or an emptied PostgreSQL database, and measures: load rate, sessionizer catch-up, ingest-to-visible time with the live
 * sessionizer, and a 7-day hourly KPI query answered from rollups against the same KPI computed by a plain SQL scan
 * over raw events (the baseline). Prints the ratios between sizes and against the baseline.
 */
public final class JourneysBench {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final long END = Instant.parse("2026-05-08T00:00:00Z").toEpochMilli();
  private static final long FROM = END - 7 * DAY;

  private final long events;
  private final int factor;
  private final int runs;
  private final PrintStream out;

  public JourneysBench(long events, int factor, int runs, PrintStream out) {
    this.events = events;
    this.factor = factor;
    this.runs = runs;
    this.out = out;
  }

  /** What one size measured (times in ms). */
  public record Result(long events, long attempts, double loadMs, double catchUpMs, double[] visibleMs, double kpiMs,
                double kpiSplitMs, double scanMs) {}

  /** Runs both sizes in {@code dir} (a temp folder, deleted after, when null). */
  public List<Result> run(Path dir) throws Exception {
    Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("uxlens-bench");
    try {
      return run(BenchTarget.sqlite(base));
    } finally {
      if (dir == null) {
        deleteTree(base);
      }
    }
  }

  /** Runs both sizes, each on an empty store of {@code target}; the small size's result, then the large one's. */
  public List<Result> run(BenchTarget target) throws Exception {
    out.println("-- " + target.describe());
    Result small = measure(target, "bench-" + events, events);
    Result large = measure(target, "bench-" + events * factor, events * factor);
    out.println();
    out.printf("ratios (large / small, %dx events):%n", factor);
    out.printf("  KPI query from rollups   %.2fx%n", large.kpiMs / small.kpiMs);
    out.printf("  KPI query split by country %.2fx%n", large.kpiSplitMs / small.kpiSplitMs);
    out.printf("  baseline raw-event scan  %.2fx%n", large.scanMs / small.scanMs);
    out.printf("baseline / rollups: %.1fx faster at N, %.1fx faster at %dN%n", small.scanMs / small.kpiMs,
        large.scanMs / large.kpiMs, factor);
    return List.of(small, large);
  }

  private Result measure(BenchTarget target, String stage, long n) throws Exception {
    out.printf("%n== %,d events (7 days) -> %s %s%n", n, target.label(), stage);
    List<Event> data = new JourneyBenchData(n).generate(n, FROM, END - HOUR);
    try (Store store = Store.open(target.stage(stage)); Writer writer = new Writer(store.jdbi(), 1024)) {
      JourneyDefinitions defs = JourneyDefinitions.loadDefault();
      JourneyStore attempts = new JourneyStore(store.jdbi());
      Sessionizer sessionizer = new Sessionizer(defs, attempts, new SessionTelemetryStore(store.jdbi()), writer);
      JourneyKpis kpis = new JourneyKpis(defs, attempts, new JourneyRollupStore(store.jdbi()));
      RawEventScan scan = new RawEventScan(store.jdbi());

      long t = System.nanoTime();
      List<CompletableFuture<RecordBatch.Inserted>> pending = new ArrayList<>();
      for (int i = 0; i < data.size(); i += 1000) {
        List<Event> batch = data.subList(i, Math.min(data.size(), i + 1000));
        pending.add(RecordBatch.EMPTY.withEvents(batch).writeWith(writer));
        if (pending.size() >= 64) {
          pending.remove(0).join();
        }
      }
      pending.forEach(CompletableFuture::join);
      double loadMs = ms(t);
      out.printf("load through the writer: %,.0f ms (%,.0f events/s)%n", loadMs, data.size() / (loadMs / 1000));

      t = System.nanoTime();
      Sessionizer.RunStats stats = sessionizer.runOnce();
      double catchUpMs = ms(t);
      long attemptCount = attempts.attemptCount();
      out.printf("sessionizer catch-up: %,.0f ms (%,d sessions, %,d attempts)%n", catchUpMs, stats.sessions(),
          attemptCount);

      double[] visible = freshness(sessionizer, writer, kpis);
      out.printf("ingest-to-visible (live sessionizer, 1 s minimum interval): median %.0f ms, max %.0f ms "
          + "over %d trials%n", median(visible), Arrays.stream(visible).max().orElse(0), visible.length);

      Supplier<Object> kpi = () -> kpis.series("inventory-import", FROM, END, HOUR, Optional.empty(), Map.of());
      Supplier<Object> split = () -> kpis.series("inventory-import", FROM, END, HOUR, Optional.of("country"),
          Map.of());
      Supplier<Object> raw = () -> scan.startsAndCompletions("Import Started", "Import Completed", FROM, END, HOUR);
      double kpiMs = time(kpi);
      double splitMs = time(split);
      double scanMs = time(raw);
      long kpiAttempts = kpis.series("inventory-import", FROM, END, HOUR, Optional.empty(), Map.of()).buckets()
          .stream().mapToLong(KpiBucket::attempts).sum();
      long scanStarts = scan.startsAndCompletions("Import Started", "Import Completed", FROM, END, HOUR).stream()
          .mapToLong(RawEventScan.Bucket::started).sum();
      out.printf("7-day hourly KPI (inventory-import) from rollups: median %.2f ms (split by country %.2f ms)%n",
          kpiMs, splitMs);
      out.printf("same KPI as a raw-event SQL scan (baseline): median %.2f ms%n", scanMs);
      out.printf("check: attempts from rollups %,d, starts counted by the scan %,d%n", kpiAttempts, scanStarts);
      return new Result(n, attemptCount, loadMs, catchUpMs, visible, kpiMs, splitMs, scanMs);
    }
  }

  /** Time from submitting one new session's first event to its attempt being readable, with the live service. */
  private static double[] freshness(Sessionizer sessionizer, Writer writer, JourneyKpis kpis) throws Exception {
    double[] out = new double[5];
    try (SessionizerService service = new SessionizerService(sessionizer, writer, 1_000)) {
      Thread.sleep(1_500);
      for (int i = 0; i < out.length; i++) {
        long ts = END - 50 * 60_000L + i * 60_000L;
        Event e = new Event("fresh-" + i + "-" + System.nanoTime(), "segment", "track", "Import Started", ts, ts,
            "fresh-user", null, "fresh-" + i, "{}", "{}");
        long t = System.nanoTime();
        RecordBatch.EMPTY.withEvents(List.of(e)).writeWith(writer).join();
        while (kpis.attempts("inventory-import", ts, ts + 1, Map.of()).isEmpty()) {
          if (ms(t) > 30_000) {
            throw new IllegalStateException("attempt not visible after 30 s");
          }
          Thread.sleep(5);
        }
        out[i] = ms(t);
        Thread.sleep(200 + 150L * i);
      }
    }
    return out;
  }

  private double time(Supplier<Object> query) {
    for (int i = 0; i < 20; i++) {
      query.get();
    }
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      query.get();
      t[i] = ms(s);
    }
    return median(t);
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
