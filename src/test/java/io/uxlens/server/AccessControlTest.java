package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With a read token set, nothing that reveals stored data answers without it: every route the server registers is
 * either an ingest route, a probe, or answers 401 without the token, with a write key in its place, or with the
 * metrics token, and 200 with it (the control). {@code /metrics} needs the metrics token. No secret reaches the log.
 */
class AccessControlTest {
  private static final String WRITE_KEY = "wk-5bd2c8e1a9";
  private static final String READ_TOKEN = "rt-93f0aa61c4";
  private static final String METRICS_TOKEN = "mt-1e77b0d2f5";

  /** Routes that take data in (write key), say only that the process is up, or need the metrics token (below). */
  private static final Set<String> NOT_READS = Set.of("GET /healthz", "GET /readyz", "GET /metrics", "POST /v1/batch",
      "POST /v1/import", "POST /v1/track", "POST /v1/page", "POST /v1/screen", "POST /v1/identify", "POST /v1/group",
      "POST /v1/alias", "POST /v1/traces", "POST /collect", "POST /api/v1/feedback", "POST /api/v1/annotations");

  /** One concrete request per reading route, with a body Grafana would send. */
  private static final Map<String, String[]> READS = Map.ofEntries(
      Map.entry("GET /api/v1/status", new String[] {"/api/v1/status", null}),
      Map.entry("GET /api/v1/annotations", new String[] {"/api/v1/annotations?from=0", null}),
      Map.entry("GET /grafana", new String[] {"/grafana", null}),
      Map.entry("POST /grafana/metrics", new String[] {"/grafana/metrics", "{}"}),
      Map.entry("POST /grafana/metric-payload-options",
          new String[] {"/grafana/metric-payload-options",
              "{\"metric\":\"feedback.nps\",\"name\":\"journey\",\"payload\":{}}"}),
      Map.entry("POST /grafana/query", new String[] {"/grafana/query", "{\"range\":{\"from\":\"2026-04-30T00:00:00Z\","
          + "\"to\":\"2026-05-02T00:00:00Z\"},\"intervalMs\":3600000,\"targets\":[{\"refId\":\"A\","
          + "\"target\":\"feedback.quotes\"}]}"}),
      Map.entry("POST /grafana/variable", new String[] {"/grafana/variable",
          "{\"payload\":{\"target\":\"journeys\"},\"range\":{\"from\":\"2026-04-30T00:00:00Z\","
          + "\"to\":\"2026-05-02T00:00:00Z\"}}"}),
      Map.entry("POST /grafana/tag-keys", new String[] {"/grafana/tag-keys", "{}"}),
      Map.entry("POST /grafana/tag-values", new String[] {"/grafana/tag-values", "{\"key\":\"journey\"}"}),
      Map.entry("GET /api/v1/rows/{metric}",
          new String[] {"/api/v1/rows/feedback.quotes?from=2026-04-30T00:00:00Z&to=2026-05-02T00:00:00Z", null}),
      Map.entry("GET /api/v1/catalogue", new String[] {"/api/v1/catalogue", null}));

  @TempDir Path dir;

  @Test
  void nothingStoredIsReadableWithoutTheReadToken() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG); // everything our code logs, as UXLENS_LOG_LEVEL=DEBUG would
    try (TestServer server = TestServer.start(dir, c -> c.withWriteKeys(List.of(WRITE_KEY)).withReadToken(READ_TOKEN),
        Safeguards.NONE.withMetricsToken(METRICS_TOKEN))) {
      TestServer.Response stored = server.send(post(server, "/api/v1/feedback", "{\"items\":[{\"id\":\"f1\","
          + "\"kind\":\"nps\",\"score\":2,\"text\":\"secret complaint\",\"userId\":\"u1\","
          + "\"timestamp\":\"2026-05-01T10:00:00Z\"}]}").header("Authorization", basic(WRITE_KEY)));
      assertThat(stored.status()).as(stored.text()).isEqualTo(200);

      List<String> routes = server.server().router().routes();
      List<String> unclassified = new ArrayList<>(routes.stream()
          .filter(r -> !r.startsWith("OPTIONS ") && !NOT_READS.contains(r) && !READS.containsKey(r)).toList());
      assertThat(unclassified).as("a new route must be classified as a read (token) or not").isEmpty();
      assertThat(routes).containsAll(READS.keySet());

      for (Map.Entry<String, String[]> read : READS.entrySet()) {
        String path = read.getValue()[0];
        String body = read.getValue()[1];
        for (String variant : List.of(path, "/" + path, path.replaceFirst("(\\?|$)", "/$1"))) {
          assertRefused(server, variant, body, null);
          assertRefused(server, variant, body, basic(WRITE_KEY));
          assertRefused(server, variant, body, "Bearer " + WRITE_KEY);
          assertRefused(server, variant, body, "Bearer " + METRICS_TOKEN);
        }
        TestServer.Response ok = server.send(request(server, path, body).header("Authorization",
            "Bearer " + READ_TOKEN));
        assertThat(ok.status()).as("%s with the read token: %s", path, ok.text()).isEqualTo(200);
      }
      TestServer.Response quotes = server.send(request(server, READS.get("GET /api/v1/rows/{metric}")[0], null)
          .header("Authorization", "Bearer " + READ_TOKEN));
      assertThat(quotes.text()).as("the control reads what was stored").contains("secret complaint");

      assertRefused(server, "/metrics", null, null);
      assertRefused(server, "/metrics", null, "Bearer " + READ_TOKEN);
      assertRefused(server, "/metrics", null, basic(WRITE_KEY));
      assertThat(server.send(request(server, "/metrics", null).header("Authorization", "Bearer " + METRICS_TOKEN))
          .status()).isEqualTo(200);
      assertThat(server.get("/healthz").status()).isEqualTo(200);
      assertThat(server.get("/readyz").status()).isEqualTo(200);

      // wrong keys and tokens on ingest, then an error of ours would be logged: none of the secrets may show
      server.send(post(server, "/v1/track", "{\"userId\":\"u\",\"event\":\"e\",\"writeKey\":\"" + READ_TOKEN + "\"}"));
      server.send(post(server, "/v1/track", "{\"userId\":\"u\",\"event\":\"e\"}").header("Authorization",
          basic(WRITE_KEY + "x")));
    } finally {
      root.detachAppender(log);
      root.setLevel(level);
    }
    for (ILoggingEvent e : log.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(WRITE_KEY, READ_TOKEN, METRICS_TOKEN);
    }
    assertThat(log.list).as("the log was captured (control)").isNotEmpty();
  }

  @Test
  void aWriteKeyCanNeverBeTheReadToken() {
    assertThatThrownBy(() -> TestServer.start(dir, c -> c.withWriteKeys(List.of("a", "same")).withReadToken("same")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read token must differ");
  }

  @Test
  void withoutAReadTokenReadsAreOpenAndMetricsNeedNoToken() throws Exception {
    try (TestServer server = TestServer.start(dir, c -> c.withWriteKeys(List.of(WRITE_KEY)))) {
      assertThat(server.get("/api/v1/status").status()).isEqualTo(200);
      assertThat(server.get("/metrics").status()).isEqualTo(200);
      assertThat(server.get("/api/v1/catalogue").status()).isEqualTo(200);
    }
  }

  private static void assertRefused(TestServer server, String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder r = request(server, path, body);
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    TestServer.Response answer = server.send(r);
    assertThat(answer.status()).as("%s with %s: %s", path, authorization, answer.text()).isEqualTo(401);
    assertThat(answer.json().path("field").asText()).isEqualTo("Authorization");
    assertThat(answer.text()).doesNotContain("secret complaint");
  }

  private static HttpRequest.Builder request(TestServer server, String path, String body) {
    return body == null ? HttpRequest.newBuilder(java.net.URI.create(server.server().uri() + path)).GET() : post(server, path, body);
  }

  private static HttpRequest.Builder post(TestServer server, String path, String body) {
    return HttpRequest.newBuilder(java.net.URI.create(server.server().uri() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }
}
