package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.dashboards.DashboardSet;
import io.uxlens.dashboards.Flavor;
import io.uxlens.dashboards.JourneySpecs;
import io.uxlens.dashboards.PanelQueries;
import io.uxlens.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests Grafana sends for the shipped dashboards, replayed against one server: a GET of the row URL per
 * Infinity target, a POST of /grafana/query per JSON API target, with the dashboard's variables at their defaults,
 * the range's macros and the interval for a panel about 1,000 px wide.
 */
final class DashboardReplay {
  /**
   * How Grafana rounds range / resolution to a panel's interval (roundInterval in @grafana/data's rangeutil): a raw
   * interval below {@code ROUND_BELOW[i]} ms becomes {@code ROUND_TO[i]} ms.
   */
  private static final long[] ROUND_BELOW = {10, 15, 35, 75, 150, 350, 750, 1_500, 3_500, 7_500, 12_500, 17_500,
      25_000, 45_000, 90_000, 210_000, 450_000, 750_000, 1_050_000, 1_500_000, 2_700_000, 5_400_000, 9_000_000,
      16_200_000, 32_400_000, 86_400_000, 604_800_000, 1_814_400_000, 3_628_800_000L};
  private static final long[] ROUND_TO = {1, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 20_000,
      30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000,
      21_600_000, 43_200_000, 86_400_000, 604_800_000, 2_592_000_000L};
  private static final Pattern RELATIVE = Pattern.compile("now-(\\d+)([mhdw])");
  private static final long DAY = 86_400_000L;

  /** The ranges replayed: each dashboard's own default, then a week and a month. */
  enum Range {
    DEFAULT("dashboard default", "default"), WEEK("7 days", "7d"), MONTH("30 days", "30d");

    private final String label;
    private final String option;

    Range(String label, String option) {
      this.label = label;
      this.option = option;
    }

    /** The range an option value names ("default", "7d", "30d"). */
    static Range of(String option) {
      for (Range r : values()) {
        if (r.option.equals(option)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown range '" + option + "' (known: default, 7d, 30d)");
    }

    String label() {
      return label;
    }

    long millis(JsonNode dashboard) {
      return switch (this) {
        case DEFAULT -> relative(dashboard.path("time").path("from").asText("now-7d"));
        case WEEK -> 7 * DAY;
        case MONTH -> 30 * DAY;
      };
    }
  }

  /** One query's timings in ms and the status it answered. */
  record Timing(String dashboard, String panel, String query, int status, double p50, double p95, double max) {}

  private record Call(String dashboard, String panel, String shown, HttpRequest request) {}

  private final HttpClient http;
  private final URI base;
  private final int runs;

  private final java.util.concurrent.atomic.AtomicInteger repeated = new java.util.concurrent.atomic.AtomicInteger();

  DashboardReplay(HttpClient http, URI base, int runs) {
    this.http = http;
    this.base = base;
    this.runs = runs;
  }

  List<Timing> queries(Flavor flavor, Range range, long to) throws Exception {
    List<Timing> out = new ArrayList<>();
    for (Call c : calls(flavor, range, to)) {
      double[] ms = new double[runs];
      int status = 0;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        status = send(c.request());
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      out.add(new Timing(c.dashboard(), c.panel(), c.shown(), status, quantile(ms, 0.5), quantile(ms, 0.95),
          ms[runs - 1]));
    }
    return out;
  }

  /**
   * One query's status. A pooled keep-alive connection can fail before any byte of the answer arrives (seen at the
   * start of a section, right after a page load; twice in a row on the same pool): such a send is repeated once on
   * a client of its own, so on a new connection, and counted ({@link #repeated}); a second failure ends the run.
   */
  private int send(HttpRequest request) throws Exception {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException dropped) {
      repeated.incrementAndGet();
      // Java 17's client is not closeable: its connection closes when it is collected
      HttpClient fresh = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30)).build();
      return fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  /** Sends repeated after their connection dropped them. */
  int repeated() {
    return repeated.get();
  }

  /** Each dashboard's queries sent at once, {@code runs} times: p50 and p95 of the whole load, by dashboard. */
  Map<String, double[]> pageLoads(Flavor flavor, Range range, long to) throws Exception {
    Map<String, List<HttpRequest>> byDashboard = new TreeMap<>();
    for (Call c : calls(flavor, range, to)) {
      byDashboard.computeIfAbsent(c.dashboard(), k -> new ArrayList<>()).add(c.request());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<HttpRequest>> d : byDashboard.entrySet()) {
      double[] loads = new double[runs];
      java.util.concurrent.atomic.AtomicInteger notOk = new java.util.concurrent.atomic.AtomicInteger();
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        // a failed or refused query counts against the load instead of ending the run
        CompletableFuture.allOf(d.getValue().stream().map(r -> http.sendAsync(r,
            HttpResponse.BodyHandlers.discarding()).handle((res, e) -> {
              if (e != null || res.statusCode() != 200) {
                notOk.incrementAndGet();
              }
              return null;
            })).toArray(CompletableFuture[]::new)).join();
        loads[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(loads);
      out.put(d.getKey() + " (" + d.getValue().size() + " queries" + (notOk.get() == 0 ? ""
          : ", " + notOk.get() + " not 200") + ")", new double[] {quantile(loads, 0.5), quantile(loads, 0.95)});
    }
    return out;
  }

  private List<Call> calls(Flavor flavor, Range range, long to) throws Exception {
    List<Call> calls = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> d : DashboardSet.generate(JourneySpecs.load(null), flavor).entrySet()) {
      long rangeMs = range.millis(d.getValue());
      long from = to - rangeMs;
      long interval = niceInterval(rangeMs / 1000);
      Map<String, String> vars = PanelQueries.variables(d.getValue(), from, to, interval);
      for (Map.Entry<String, JsonNode> q : PanelQueries.queries(d.getValue()).entrySet()) {
        JsonNode target = q.getValue();
        if (PanelQueries.metricOf(target).equals("correlation.system")) {
          continue; // times Prometheus, not the store: left out of this bench
        }
        if (target.has("url")) {
          String path = PanelQueries.fill(target.path("url").asText(), vars);
          if (!path.isEmpty()) {
            calls.add(new Call(d.getKey(), q.getKey(), path, get(path)));
          }
        } else if (target.has("target")) {
          JsonNode filled = Json.MAPPER.readTree(PanelQueries.fill(target.toString(), vars));
          ObjectNode body = Json.MAPPER.createObjectNode();
          body.putObject("range").put("from", Instant.ofEpochMilli(from).toString())
              .put("to", Instant.ofEpochMilli(to).toString());
          body.put("interval", interval / 1000 + "s").put("intervalMs", interval).put("maxDataPoints", 1000);
          body.putArray("targets").add(filled);
          calls.add(new Call(d.getKey(), q.getKey(), "POST /grafana/query " + filled.path("target").asText() + " "
              + filled.path("payload"), post(body.toString())));
        }
      }
    }
    return calls;
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build();
  }

  private HttpRequest post(String body) {
    return HttpRequest.newBuilder(base.resolve("/grafana/query")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Milliseconds of a Grafana relative start such as now-24h or now-7d. */
  static long relative(String from) {
    Matcher m = RELATIVE.matcher(from);
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported dashboard range start: " + from);
    }
    long n = Long.parseLong(m.group(1));
    return n * switch (m.group(2)) {
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> DAY;
      default -> 7 * DAY;
    };
  }

  /** Grafana's interval for a raw range / resolution, in ms. */
  static long niceInterval(long rawMs) {
    for (int i = 0; i < ROUND_BELOW.length; i++) {
      if (rawMs < ROUND_BELOW[i]) {
        return ROUND_TO[i];
      }
    }
    return 31_536_000_000L;
  }

  static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
