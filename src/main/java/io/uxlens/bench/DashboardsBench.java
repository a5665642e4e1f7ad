package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import io.uxlens.server.UxLensServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code uxlens bench dashboards}: every panel and annotation query of the shipped dashboards, in both data source
 * flavours (Infinity rows, JSON API posts), replayed as Grafana sends them (variables at their defaults, the range
 * ending at the newest stored event, the interval Grafana picks for a panel about 1,000 px wide) at each
 * dashboard's default range, at 7 days and at 30 days: p50 and p95 per query, slowest first, and each dashboard's
 * queries fired at once as a page load does. With {@code --events N} it builds (or reuses) a store of N records in
 * the demo's proportions and one of N/10, and prints how each query's p95 grows with 10x the data. Throughout, a
 * steady Segment sender ({@link IngestProbe}) shows what the dashboard load does to ingest latency.
 */
public final class DashboardsBench {
  /** The p95 a panel query should stay under, and the growth allowed for 10x the data (issue targets). */
  static final double TARGET_P95_MS = 50;
  static final double TARGET_GROWTH = 1.3;

  private final int runs;
  private final List<DashboardReplay.Range> ranges;
  private final List<io.uxlens.dashboards.Flavor> flavors;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  /** Every range and both flavours. */
  public DashboardsBench(int runs, PrintStream out) {
    this(runs, List.of("default", "7d", "30d"), List.of(io.uxlens.dashboards.Flavor.values()), out);
  }

  /** {@code ranges}: "default", "7d", "30d". */
  public DashboardsBench(int runs, List<String> ranges, List<io.uxlens.dashboards.Flavor> flavors,
                         PrintStream out) {
    this.runs = runs;
    this.ranges = ranges.stream().map(DashboardReplay.Range::of).toList();
    this.flavors = List.copyOf(flavors);
    this.out = out;
  }

  /** Builds or reuses stores of {@code records} and {@code records / 10} over {@code days}, replays both. */
  public Map<String, DashboardReplay.Timing> grow(Path dir, long records, int days) throws Exception {
    Path small = DashboardStore.buildOrReuse(dir, records / 10, days, out);
    Path large = DashboardStore.buildOrReuse(dir, records, days, out);
    out.printf("%n== %,d records ==%n", records / 10);
    Map<String, DashboardReplay.Timing> before = replay(small);
    out.printf("%n== %,d records ==%n", records);
    Map<String, DashboardReplay.Timing> after = replay(large);
    out.printf("%ngrowth of p95 for 10x the records (%,d vs %,d), largest first:%n", records, records / 10);
    List<double[]> ratios = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    after.forEach((key, t) -> {
      DashboardReplay.Timing b = before.get(key);
      if (b != null && b.p95() > 0) {
        ratios.add(new double[] {t.p95() / b.p95(), b.p95(), t.p95()});
        keys.add(key);
      }
    });
    Integer[] order = new Integer[ratios.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> ratios.get(i)[0]).reversed());
    for (int k = 0; k < Math.min(15, order.length); k++) {
      double[] r = ratios.get(order[k]);
      out.printf("%6.2fx %8.1f -> %8.1f ms  %s%n", r[0], r[1], r[2], keys.get(order[k]));
    }
    double[] sorted = ratios.stream().mapToDouble(r -> r[0]).sorted().toArray();
    double totalBefore = before.values().stream().mapToDouble(DashboardReplay.Timing::p95).sum();
    double totalAfter = after.values().stream().mapToDouble(DashboardReplay.Timing::p95).sum();
    out.printf("growth: median %.2fx, worst %.2fx; sum of p95 %.0f -> %.0f ms (%.2fx); target <= %.1fx%n",
        sorted.length == 0 ? 0 : sorted[sorted.length / 2], sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        totalBefore, totalAfter, totalAfter / Math.max(totalBefore, 1e-9), TARGET_GROWTH);
    return after;
  }

  /**
   * Serves {@code db} on a free loopback port and replays every query at every range and in both flavours;
   * returns the timings by "range flavour dashboard / panel".
   */
  public Map<String, DashboardReplay.Timing> replay(Path db) throws Exception {
    return replay(db.toString());
  }

  /**
   * Every query once at every range and in both flavours, unmeasured: the timed runs then see a server whose code
   * the JIT has compiled and whose connections have read the store before, as a server that has been up a while.
   * Without it the first run of each query was the slow one (a cold JVM's first 7-day error-rate panel took 340 ms
   * against 35 ms after), and the store replayed first (the smaller one) paid for both.
   */
  private void warmUp(URI base, long to) throws Exception {
    DashboardReplay once = new DashboardReplay(http, base, 1);
    int sent = 0;
    long start = System.nanoTime();
    for (DashboardReplay.Range range : ranges) {
      for (io.uxlens.dashboards.Flavor flavor : flavors) {
        sent += once.queries(flavor, range, to).size();
      }
    }
    out.printf("warm-up: %d queries sent once, unmeasured, in %.1f s%n", sent, (System.nanoTime() - start) / 1e9);
  }

  /** The same for the store {@code --db} names: a SQLite file or a PostgreSQL URL. */
  public Map<String, DashboardReplay.Timing> replay(String db) throws Exception {
    Map<String, DashboardReplay.Timing> all = new LinkedHashMap<>();
    // the demo's experiments too, so the experiments dashboard reads what a demo store holds
    try (UxLensServer server = UxLensServer.newServer(DashboardStore.settings(db))) {
      URI base = server.uri();
      DashboardStore.awaitSessionizer(base); // a store from an older version is rolled up first
      long to = newestEventTime(base);
      DashboardReplay replay = new DashboardReplay(http, base, runs);
      warmUp(base, to);
      try (IngestProbe probe = new IngestProbe(base, to)) {
        Thread.sleep(3_000); // ingest alone first: the baseline the replay is held against
        double[] idle = probe.drain();
        for (DashboardReplay.Range range : ranges) {
          for (io.uxlens.dashboards.Flavor flavor : flavors) {
            out.printf("%n-- range: %s, ending at the newest event (%s); flavour: %s --%n", range.label(),
                java.time.Instant.ofEpochMilli(to), flavor.cliName());
            List<DashboardReplay.Timing> timings = replay.queries(flavor, range, to);
            print(timings);
            timings.forEach(t -> all.put(range.label() + " " + flavor.cliName() + " " + t.dashboard() + " / "
                + t.panel(), t));
            out.println("whole dashboards (every query at once, as a page load), p50 / p95 ms:");
            replay.pageLoads(flavor, range, to).forEach((name, ms) ->
                out.printf("%9.1f %9.1f %s%n", ms[0], ms[1], name));
          }
        }
        double[] busy = probe.drain();
        out.printf("%ningest beside the replay (%d-event Segment batches every %d ms, durable 200s): p50 %.1f ms, "
            + "p99 %.1f ms over %d batches; alone before it: p50 %.1f ms, p99 %.1f ms; %d failed%n",
            IngestProbe.BATCH, IngestProbe.PERIOD_MS, pct(busy, 0.5), pct(busy, 0.99), busy.length, pct(idle, 0.5),
            pct(idle, 0.99), probe.failures());
      }
      // the probe's rows go again, so a reused store stays the size it was built at
      server.writer().submit(h -> h.createUpdate("DELETE FROM events WHERE name = :n")
          .bind("n", IngestProbe.NAME).execute()).join();
      long over = all.values().stream().filter(t -> t.p95() > TARGET_P95_MS).count();
      long slowRun = all.values().stream().filter(t -> t.max() > TARGET_P95_MS).count();
      long failed = all.values().stream().filter(t -> t.status() != 200).count();
      out.printf("%n%d queries timed (runs per query: %d), %d over %.0f ms p95 (%d with at least one run over it), "
          + "%d not 200, %d sends repeated after a dropped connection; heap after GC %d MB, resident %d MB%n",
          all.size(), runs, over, TARGET_P95_MS, slowRun, failed, replay.repeated(),
          IngestBench.heapAfterGcMegabytes(), IngestBench.rssMegabytes());
    }
    return all;
  }

  private static double pct(double[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : DashboardReplay.quantile(sorted, q);
  }

  private void print(List<DashboardReplay.Timing> timings) {
    List<DashboardReplay.Timing> sorted = new ArrayList<>(timings);
    sorted.sort(Comparator.comparingDouble(DashboardReplay.Timing::p95).reversed());
    out.printf("%-9s %-9s %-9s %-6s %s%n", "p50 ms", "p95 ms", "max ms", "status", "dashboard / panel: query");
    for (DashboardReplay.Timing t : sorted) {
      out.printf("%9.1f %9.1f %9.1f %6d %s / %s: %s%n", t.p50(), t.p95(), t.max(), t.status(), t.dashboard(),
          t.panel(), t.query().length() > 140 ? t.query().substring(0, 140) + "..." : t.query());
    }
  }

  private long newestEventTime(URI base) throws Exception {
    JsonNode status = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/status"))
        .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    String newest = status.path("newestEventTime").asText(null);
    return newest == null || newest.equals("null") ? System.currentTimeMillis()
        : java.time.Instant.parse(newest).toEpochMilli();
  }
}
