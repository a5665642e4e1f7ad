package io.uxlens.query.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.model.Event;
import io.uxlens.store.RecordBatch;
import io.uxlens.testing.PrometheusServer;
import io.uxlens.testing.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * correlation.system against a real Prometheus: a gauge backfilled with promtool at every 5-minute bucket start,
 * and checkout attempts whose error rate follows the gauge two buckets later. The aligned values, Pearson,
 * Spearman and the lag are checked against numbers computed here; Prometheus' errors become our 4xx/502 answers.
 */
class SystemCorrelationTest {
  static final long T1 = 1_769_904_000_000L; // 2026-02-01T00:00:00Z
  static final long STEP = 300_000L;
  static final int BUCKETS = 24;
  static final int PER_BUCKET = 10;
  static final int LAG = 2;
  static final double[] CPU = new double[BUCKETS];
  static final int[] ERRORS = new int[BUCKETS];

  @TempDir
  static Path dir;
  static PrometheusServer prometheus;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    StringBuilder om = new StringBuilder("# TYPE orders_db_cpu_ratio gauge\n");
    for (int k = 0; k < BUCKETS; k++) {
      CPU[k] = Math.round((0.1 + 0.85 * r.nextDouble()) * 1000) / 1000.0;
      om.append(String.format(Locale.ROOT, "orders_db_cpu_ratio{db=\"orders\"} %.3f %d%n", CPU[k],
          (T1 + k * STEP) / 1000));
    }
    for (int k = 0; k < BUCKETS; k++) {
      om.append(String.format(Locale.ROOT, "orders_db_cpu_ratio{db=\"users\"} 0.2 %d%n", (T1 + k * STEP) / 1000));
    }
    om.append("# EOF\n");
    prometheus = PrometheusServer.start(dir, om.toString());
    server = TestServer.start(dir, c -> c.withPrometheus(prometheus.uri()));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      ERRORS[i] = i < LAG ? 1 : (int) Math.round(PER_BUCKET * CPU[i - LAG]);
      for (int a = 0; a < PER_BUCKET; a++) {
        String session = "sc-" + i + "-" + a;
        long t = T1 + i * STEP + a * 20_000L;
        List<String> names = new ArrayList<>(List.of("Cart Viewed", "Checkout Started", "Checkout Step Completed",
            "Payment Info Entered", "Order Completed"));
        if (a < ERRORS[i]) {
          names.add(3, "Checkout Error");
        }
        for (int n = 0; n < names.size(); n++) {
          String props = names.get(n).equals("Checkout Step Completed")
              ? "{\"step\":1,\"session_id\":\"" + session + "\"}" : "{\"session_id\":\"" + session + "\"}";
          events.add(new Event(session + "-" + n, "segment", "track", names.get(n), t + n * 1000L, t + n * 1000L,
              "u-" + session, null, session, props, "{}"));
        }
      }
    }
    RecordBatch.EMPTY.withEvents(events).writeWith(server.server().writer()).join();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (finished() < BUCKETS * PER_BUCKET && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(finished()).isEqualTo(BUCKETS * PER_BUCKET);
  }

  static long finished() {
    return server.server().journeys().kpis().attempts("checkout", T1, T1 + BUCKETS * STEP, Map.of()).stream()
        .filter(a -> a.outcome().finished()).count();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static TestServer.Response rows(TestServer s, String promql, String extra) throws Exception {
    return s.get("/api/v1/rows/correlation.system?journey=checkout&kpi=error_rate&from=" + T1 + "&to="
        + (T1 + BUCKETS * STEP - 1) + "&interval=5m&promql=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
        + extra);
  }

  @Test
  void aPrometheusSeriesAlignsWithTheErrorRateAndLeadsItByTwoSteps() throws Exception {
    TestServer.Response r = rows(server, "orders_db_cpu_ratio{db=\"orders\"}", "");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode rows = r.json().path("rows");
    assertThat(rows).hasSize(BUCKETS);
    double[] ux = new double[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      JsonNode row = rows.get(i);
      assertThat(row.path("time").asLong()).isEqualTo(T1 + i * STEP);
      assertThat(row.path("value").asDouble()).isCloseTo(ERRORS[i] / (double) PER_BUCKET, within(1e-12));
      assertThat(row.path("system").asDouble()).isCloseTo(CPU[i], within(1e-9));
      ux[i] = ERRORS[i] / (double) PER_BUCKET;
    }
    JsonNode first = rows.get(0);
    assertThat(first.path("n").asInt()).isEqualTo(BUCKETS);
    assertThat(first.path("pearson").asDouble()).isCloseTo(pearson(ux, CPU, 0), within(1e-9));
    assertThat(first.path("spearman").asDouble()).isCloseTo(pearson(ranks(ux), ranks(CPU), 0), within(1e-9));
    assertThat(first.path("best_lag_steps").asInt()).isEqualTo(LAG);
    assertThat(first.path("best_lag_s").asDouble()).isEqualTo(LAG * STEP / 1000.0);
    assertThat(first.path("lag_pearson").asDouble()).isCloseTo(pearson(ux, CPU, LAG), within(1e-9))
        .isGreaterThan(0.95);
    for (int lag = -5; lag <= 5; lag++) {
      assertThat(Math.abs(pearson(ux, CPU, lag))).isLessThanOrEqualTo(first.path("lag_pearson").asDouble() + 1e-12);
    }
  }

  @Test
  void prometheusErrorsAreQuotedInOurAnswers() throws Exception {
    TestServer.Response bad = rows(server, "sum(orders_db_cpu_ratio", "");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("field").asText()).isEqualTo("payload.promql");
    assertThat(bad.json().path("error").asText()).contains("bad_data").contains("parse error");
    TestServer.Response many = rows(server, "orders_db_cpu_ratio", "");
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.json().path("error").asText()).contains("gives 2 series").contains("sum(");
    TestServer.Response lag = rows(server, "orders_db_cpu_ratio{db=\"orders\"}", "&max_lag=-1");
    assertThat(lag.status()).isEqualTo(400);
    assertThat(lag.json().path("field").asText()).isEqualTo("payload.max_lag");
    // control: the same query with a valid expression is answered
    assertThat(rows(server, "max(orders_db_cpu_ratio)", "").status()).isEqualTo(200);
  }

  @Test
  void anUnreachableOrSilentPrometheusIsA502AndHoldsNoOtherQuery() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (TestServer down = TestServer.start(dir.resolve("down"),
        c -> c.withPrometheus(URI.create("http://127.0.0.1:" + closed)))) {
      TestServer.Response r = rows(down, "up", "");
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.json().path("error").asText()).contains("unreachable").contains("127.0.0.1:" + closed);
    }
    // a server that accepts connections and never answers
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
         TestServer slow = TestServer.start(dir.resolve("slow"), c -> c.withQueryTimeout(Duration.ofSeconds(2))
             .withPrometheus(URI.create("http://127.0.0.1:" + silent.getLocalPort())))) {
      long t0 = System.nanoTime();
      var hung = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return rows(slow, "up", "");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(200);
      TestServer.Response other = slow.get("/api/v1/rows/journey.kpis?journey=checkout&from=" + T1 + "&to="
          + (T1 + STEP));
      assertThat(other.status()).isEqualTo(200);
      assertThat(hung).isNotDone();
      TestServer.Response r = hung.get();
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.json().path("error").asText()).contains("did not answer within 1.0 s");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void withoutPrometheusTheMetricSaysHowToEnableIt() throws Exception {
    try (TestServer none = TestServer.start(dir.resolve("none"))) {
      TestServer.Response r = rows(none, "up", "");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).contains("--prometheus-url");
    }
  }

  /** Pearson of x[i] with y[i - lag] over the pairs that exist, by the textbook formula. */
  static double pearson(double[] x, double[] y, int lag) {
    List<double[]> p = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (i - lag >= 0 && i - lag < y.length) {
        p.add(new double[] {x[i], y[i - lag]});
      }
    }
    double mx = p.stream().mapToDouble(v -> v[0]).average().orElseThrow();
    double my = p.stream().mapToDouble(v -> v[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] v : p) {
      sxy += (v[0] - mx) * (v[1] - my);
      sxx += (v[0] - mx) * (v[0] - mx);
      syy += (v[1] - my) * (v[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks 1..n, ties sharing their average rank. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        out[order[k]] = (i + j) / 2.0 + 1;
      }
      i = j + 1;
    }
    return out;
  }
}
