package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.prometheus.JourneyMetrics;
import io.uxlens.testing.Promtool;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics over real HTTP after real ingest: values move, labels stay bounded, promtool accepts it. */
class MetricsEndpointTest {
  @TempDir Path dir;
  @RegisterExtension final TestServer server = TestServer.perTest();

  // events of no journey: the live sessionizer must not move the journey counters this test sets by hand
  private static final String BATCH = """
      {"batch":[
        {"type":"track","userId":"u1","messageId":"m-1","event":"Product Viewed","properties":{"session_id":"s1"}},
        {"type":"track","userId":"u1","messageId":"m-2","event":"Search Failed","properties":{"session_id":"s1"}},
        {"type":"track","messageId":"m-3","event":"No user"}]}""";

  @Test
  void ingestMovesCountersAndTheScrapePassesPromtool() throws Exception {
    assertThat(server.postJson("/v1/batch", BATCH).status()).isEqualTo(200);
    assertThat(server.postJson("/v1/batch", BATCH).status()).isEqualTo(200); // retry: duplicates
    assertThat(server.postJson("/v1/batch", "{not json").status()).isEqualTo(400);
    JourneyMetrics journeys = server.server().metrics().journeys();
    journeys.define("checkout", List.of("cart", "payment")).target("checkout", "completion_rate", 0.7);
    journeys.attemptStarted("checkout");
    journeys.attemptStarted("user-42-session-abc"); // not a journey id: must not become a label
    journeys.stepReached("checkout", "cart", Double.NaN);
    journeys.stepReached("checkout", "payment", 12.5);
    journeys.error("checkout", "payment");
    journeys.error("checkout", "s-9f8e7d");
    journeys.outcome("checkout", "abandoned");
    journeys.timeOnTask("checkout", 95);

    TestServer.Response r = server.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    String text = r.text();

    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"events\",source=\"segment\"")).isEqualTo(2);
    assertThat(value(text, "uxlens_duplicate_records_total", "kind=\"events\",source=\"segment\"")).isEqualTo(2);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"invalid_record\",source=\"segment\""))
        .isEqualTo(2);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"malformed_body\",source=\"segment\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"spans\",source=\"otlp\"")).isZero();
    assertThat(value(text, "uxlens_writer_committed_operations_total", "")).isGreaterThanOrEqualTo(2);
    assertThat(value(text, "uxlens_writer_commit_duration_seconds_count", "")).isGreaterThanOrEqualTo(1);
    assertThat(value(text, "uxlens_writer_queue_depth", "")).isGreaterThanOrEqualTo(0);
    assertThat(value(text, "uxlens_store_size_bytes", "")).isGreaterThan(0);
    assertThat(value(text, "uxlens_sessionizer_lag_seconds", "")).isGreaterThanOrEqualTo(0); // SessionizerLagTest

    assertThat(value(text, "uxlens_journey_attempts_total", "journey=\"checkout\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_journey_attempts_total", "journey=\"other\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_journey_errors_total", "journey=\"checkout\",step=\"payment\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_journey_errors_total", "journey=\"checkout\",step=\"other\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_journey_outcomes_total", "journey=\"checkout\",outcome=\"abandoned\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_journey_outcomes_total", "journey=\"checkout\",outcome=\"completed\""))
        .isZero();
    assertThat(value(text, "uxlens_step_latency_seconds_bucket", "journey=\"checkout\",step=\"payment\",le=\"30.0\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_journey_time_on_task_seconds_sum", "journey=\"checkout\"")).isEqualTo(95);
    assertThat(value(text, "uxlens_journey_target", "journey=\"checkout\",kpi=\"completion_rate\""))
        .isEqualTo(0.7);
    assertThat(text).contains("jvm_memory_used_bytes").doesNotContain("user-42").doesNotContain("s-9f8e7d");

    Promtool.Result check = Promtool.require().run(dir, r.body(), "check", "metrics");
    assertThat(check.output()).as("promtool check metrics findings").isEmpty();
    assertThat(check.exitCode()).isZero();
  }

  @Test
  void everyIngestPathMovesItsCounters() throws Exception {
    assertThat(server.postJson("/v1/traces", """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},
          "scopeSpans":[{"spans":[
            {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"GET /",
             "startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225600125500000"},
            {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203332","name":"bad",
             "startTimeUnixNano":"1767225600125500000","endTimeUnixNano":"1767225600000000000"}]}]}]}""")
        .status()).isEqualTo(200);
    assertThat(server.postJson("/collect", """
        {"meta":{"session":{"id":"s-1"},"app":{"name":"web","version":"1.0"}},
         "measurements":[{"type":"web-vitals","values":{"lcp":2412.3,"cls":0.1},"timestamp":"2026-05-01T10:00:01.000Z"}]}""")
        .status()).isEqualTo(202);
    assertThat(server.postJson("/api/v1/feedback", """
        {"items":[{"kind":"nps","score":9,"timestamp":"2026-05-01T10:00:00Z"},
                  {"kind":"nps","score":11,"timestamp":"2026-05-01T10:00:00Z"}]}""").status()).isEqualTo(200);
    assertThat(server.postJson("/api/v1/annotations",
        "{\"time\":\"2026-05-01T10:00:00Z\",\"title\":\"Deploy\",\"tags\":[\"deploy\"]}").status()).isEqualTo(200);
    assertThat(server.postJson("/api/v1/feedback", "{broken").status()).isEqualTo(400);
    assertThat(server.postJson("/v1/batch", "{\"batch\":{}}").status()).isEqualTo(400);

    String text = server.get("/metrics").text();
    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"spans\",source=\"otlp\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"invalid_record\",source=\"otlp\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"measurements\",source=\"faro\"")).isEqualTo(2);
    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"feedback\",source=\"feedback\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"invalid_record\",source=\"feedback\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"malformed_body\",source=\"feedback\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_ingested_records_total", "kind=\"annotations\",source=\"annotations\""))
        .isEqualTo(1);
    assertThat(value(text, "uxlens_rejected_records_total", "reason=\"malformed_body\",source=\"segment\""))
        .isEqualTo(1);
  }

  @Test
  void queriesAreTimedByCatalogueMetric() throws Exception {
    assertThat(server.get("/api/v1/rows/perf.error_rate?from=1767225600000&to=1767229200000").status())
        .isEqualTo(200);
    assertThat(server.postJson("/grafana/query", """
        {"range":{"from":"2026-01-01T00:00:00.000Z","to":"2026-01-01T01:00:00.000Z"},"intervalMs":60000,
         "maxDataPoints":100,"targets":[{"refId":"A","target":"perf.latency"},{"refId":"B","target":"perf.latency"}]}
        """).status()).isEqualTo(200);
    assertThat(server.get("/api/v1/rows/no.such_metric?from=1767225600000&to=1767229200000").status())
        .isEqualTo(400);
    String text = server.get("/metrics").text();
    assertThat(value(text, "uxlens_query_duration_seconds_count", "metric=\"perf.error_rate\"")).isEqualTo(1);
    assertThat(value(text, "uxlens_query_duration_seconds_count", "metric=\"perf.latency\"")).isEqualTo(2);
    assertThat(text).doesNotContain("no.such_metric");
  }

  @Test
  void openMetricsWhenTheScraperAsksForIt() throws Exception {
    // the Accept header Prometheus 2.x sends
    TestServer.Response r = server.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept",
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").GET());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(r.text()).contains("# TYPE uxlens_ingested_records counter").endsWith("# EOF\n");
  }

  @Test
  void protobufRequestsFallBackToText() throws Exception {
    TestServer.Response r = server.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited").GET());
    assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
  }

  /** The value of the sample {@code name{labels}} (labels in exposition order, "" for none). */
  static double value(String exposition, String name, String labels) {
    String series = labels.isEmpty() ? name : name + "{" + labels + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    if (!m.find()) {
      throw new AssertionError("no sample " + series + " in the scrape; samples of " + name + ":\n"
          + exposition.lines().filter(l -> l.startsWith(name)).collect(java.util.stream.Collectors.joining("\n")));
    }
    return Double.parseDouble(m.group(1));
  }
}
