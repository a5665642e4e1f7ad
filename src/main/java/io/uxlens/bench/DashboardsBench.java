package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.dashboards.DashboardSet;
import io.uxlens.dashboards.Flavor;
import io.uxlens.dashboards.JourneySpecs;
import io.uxlens.dashboards.PanelQueries;
import io.uxlens.json.Json;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code uxlens bench dashboards}: every Infinity panel and annotation query of the shipped dashboards, replayed
 * against a store as Grafana sends them (variables at their defaults, the range ending at the newest stored
 * event, the interval Grafana would pick for a panel about 1,000 px wide), each {@code runs} times: p50 and p95
 * per query, slowest first, then each dashboard's panels fired at once as a page load does.
 */
public final class DashboardsBench {
  /** Grafana's interval steps: a width-derived interval is rounded to the nearest of these. */
  private static final long[] NICE_MS = {1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 300_000, 600_000, 900_000,
      1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000};

  /** One query's timings in ms, and the status it answered. */
  public record Timing(String dashboard, String panel, String path, int status, double p50, double p95) {}

  private final int days;
  private final int runs;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public DashboardsBench(int days, int runs, PrintStream out) {
    this.days = days;
    this.runs = runs;
    this.out = out;
  }

  /** Serves {@code db} on a free loopback port and replays the queries; returns the per-query timings. */
  public List<Timing> run(Path db) throws Exception {
    ServerConfig config = ServerConfig.local(db);
    try (UxLensServer server = UxLensServer.newServer(config)) {
      URI base = server.uri();
      long to = newestEventTime(base);
      long from = to - days * 86_400_000L;
      long interval = niceInterval((to - from) / 1000);
      out.printf("range %d days ending at the newest event (%s), interval %d ms%n", days,
          java.time.Instant.ofEpochMilli(to), interval);
      List<Timing> timings = new ArrayList<>();
      Map<String, List<String>> byDashboard = new HashMap<>();
      for (Map.Entry<String, ObjectNode> d : DashboardSet.generate(JourneySpecs.load(null), Flavor.INFINITY)
          .entrySet()) {
        Map<String, String> vars = PanelQueries.variables(d.getValue(), from, to, interval);
        for (Map.Entry<String, JsonNode> q : PanelQueries.queries(d.getValue()).entrySet()) {
          String path = PanelQueries.fill(q.getValue().path("url").asText(), vars);
          if (path.isEmpty() || path.contains("/correlation.system?")) {
            continue; // correlation.system times Prometheus, not the store: left out of this bench
          }
          timings.add(time(base, d.getKey(), q.getKey(), path));
          byDashboard.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(path);
        }
      }
      timings.sort(Comparator.comparingDouble(Timing::p95).reversed());
      out.printf("%-9s %-9s %-6s %s%n", "p50 ms", "p95 ms", "status", "dashboard / panel: query");
      for (Timing t : timings) {
        out.printf("%9.1f %9.1f %6d %s / %s: %s%n", t.p50(), t.p95(), t.status(), t.dashboard(), t.panel(),
            t.path().length() > 140 ? t.path().substring(0, 140) + "..." : t.path());
      }
      out.println("whole dashboards (every panel query at once, as a page load), p50 / p95 ms:");
      for (Map.Entry<String, List<String>> d : new java.util.TreeMap<>(byDashboard).entrySet()) {
        double[] loads = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          CompletableFuture.allOf(d.getValue().stream().map(p -> http.sendAsync(request(base, p),
              HttpResponse.BodyHandlers.discarding())).toArray(CompletableFuture[]::new)).join();
          loads[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(loads);
        out.printf("%9.1f %9.1f %s (%d queries)%n", quantile(loads, 0.5), quantile(loads, 0.95), d.getKey(),
            d.getValue().size());
      }
      return timings;
    }
  }

  private Timing time(URI base, String dashboard, String panel, String path) throws Exception {
    double[] ms = new double[runs];
    int status = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      status = http.send(request(base, path), HttpResponse.BodyHandlers.discarding()).statusCode();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return new Timing(dashboard, panel, path, status, quantile(ms, 0.5), quantile(ms, 0.95));
  }

  private static HttpRequest request(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build();
  }

  private long newestEventTime(URI base) throws Exception {
    JsonNode status = Json.MAPPER.readTree(http.send(request(base, "/api/v1/status"),
        HttpResponse.BodyHandlers.ofByteArray()).body());
    String newest = status.path("newestEventTime").asText(null);
    return newest == null || newest.equals("null") ? System.currentTimeMillis()
        : java.time.Instant.parse(newest).toEpochMilli();
  }

  /** The nearest of Grafana's interval steps (in log scale) to range / width. */
  static long niceInterval(long rawMs) {
    long best = NICE_MS[0];
    for (long n : NICE_MS) {
      if (Math.abs(Math.log((double) n / Math.max(1, rawMs))) < Math.abs(Math.log((double) best / Math.max(1,
          rawMs)))) {
        best = n;
      }
    }
    return best;
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
