package io.uxlens.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus side of {@link GrafanaFixture}: a real Prometheus holding {@code orders_db_cpu_ratio} every 10
 * minutes over the fixture's hour, and the payloads the catalogue-wide checks send to metrics that need one.
 * {@code correlation.system} needs Prometheus: without it (and not on CI) {@link #start} gives null and the checks
 * leave that metric out; on CI its absence fails.
 */
public final class FixturePrometheus {
  /** Options per metric for the catalogue-wide checks (others get their defaults). */
  public static final Map<String, Map<String, String>> PAYLOADS = Map.of(
      "journey.drivers", Map.of("journey", "checkout", "min_attempts", "1"),
      "correlation.system", Map.of("journey", "checkout", "promql", "orders_db_cpu_ratio"));

  private FixturePrometheus() {}

  /** A started Prometheus with the fixture's series, or null when it is not installed and CI is not set. */
  public static PrometheusServer start(Path dir) throws IOException, InterruptedException {
    if (!PrometheusServer.installed() && !"true".equalsIgnoreCase(System.getenv("CI"))) {
      return null;
    }
    StringBuilder om = new StringBuilder("# TYPE orders_db_cpu_ratio gauge\n");
    for (int k = 0; k <= 6; k++) {
      om.append(String.format(Locale.ROOT, "orders_db_cpu_ratio %.2f %d%n", 0.2 + 0.1 * k,
          (GrafanaFixture.T0 + k * 10 * GrafanaFixture.MIN) / 1000));
    }
    return PrometheusServer.start(dir.resolve("prometheus"), om.append("# EOF\n").toString());
  }

  /** The payload's options as a query string tail ({@code &k=v...}), URL-encoded. */
  public static String query(String metric) {
    StringBuilder s = new StringBuilder();
    PAYLOADS.getOrDefault(metric, Map.of()).forEach((k, v) -> s.append('&').append(k).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return s.toString();
  }

  /** The payload's options as a JSON object text. */
  public static String json(String metric, String groupBy) {
    Map<String, String> p = new LinkedHashMap<>(PAYLOADS.getOrDefault(metric, Map.of()));
    if (groupBy != null) {
      p.put("group_by", groupBy);
    }
    return io.uxlens.json.Json.write(p);
  }
}
