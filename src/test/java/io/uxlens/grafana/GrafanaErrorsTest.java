package io.uxlens.grafana;

import static io.uxlens.testing.GrafanaFixture.FROM;
import static io.uxlens.testing.GrafanaFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.GrafanaFixture;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get 400s that name the field and the valid choices; the read token guards every Grafana route. */
class GrafanaErrorsTest {
  @TempDir Path dir;

  static String query(String target, String payload, String interval) {
    return "{\"range\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"},\"intervalMs\":" + interval
        + ",\"targets\":[{\"refId\":\"A\",\"target\":\"" + target + "\",\"payload\":" + payload + "}]}";
  }

  @Test
  void badRequestsAreClear400s() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      GrafanaFixture.seed(s);
      var unknown = s.postJson("/grafana/query", query("journey.nope", "{}", "60000"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().get("field").asText()).isEqualTo("target");
      assertThat(unknown.json().get("error").asText())
          .contains("unknown metric 'journey.nope'", "perf.latency", "perf.error_rate", "annotations");

      // a service not seen yet selects nothing; a malformed one is refused naming the option
      var notSeenYet = s.postJson("/grafana/query", query("perf.latency", "{\"service\":\"billing\"}", "60000"));
      assertThat(notSeenYet.status()).isEqualTo(200);
      var badOption = s.postJson("/grafana/query", query("perf.latency", "{\"service\":\"bill\\u0000ing\"}",
          "60000"));
      assertThat(badOption.status()).isEqualTo(400);
      assertThat(badOption.json().get("field").asText()).isEqualTo("payload.service");
      assertThat(badOption.json().get("error").asText()).contains("without control characters");

      var badQuantile = s.get("/api/v1/rows/perf.latency?from=0&to=3600000&quantile=p42");
      assertThat(badQuantile.status()).isEqualTo(400);
      assertThat(badQuantile.json().get("error").asText()).contains("p42", "p50, p75, p90, p95, p99");

      var tooMany = s.postJson("/grafana/query", query("perf.error_rate", "{}", "100"));
      assertThat(tooMany.status()).isEqualTo(400);
      assertThat(tooMany.json().get("error").asText()).contains("36001 points", "10000", "wider interval");
      assertThat(s.get("/api/v1/rows/perf.error_rate?from=0&to=86400000&interval=1s").status()).isEqualTo(400);

      var backwards = s.postJson("/grafana/query", query("perf.latency", "{}", "60000")
          .replace(FROM, "2026-01-02T00:00:00Z"));
      assertThat(backwards.status()).isEqualTo(400);
      assertThat(backwards.json().get("field").asText()).isEqualTo("range.to");
      var garbled = s.get("/api/v1/rows/perf.latency?from=yesterday&to=1767229200000");
      assertThat(garbled.status()).isEqualTo(400);
      assertThat(garbled.json().get("field").asText()).isEqualTo("from");
      assertThat(s.get("/api/v1/rows/perf.latency?to=1767229200000").status()).isEqualTo(400);
      assertThat(s.postJson("/grafana/query", "{\"targets\":[]}").json().get("field").asText()).isEqualTo("range");
      assertThat(s.postJson("/grafana/query", "{\"range\":").status()).isEqualTo(400);
      var badFilter = s.postJson("/grafana/query", query("perf.latency", "{}", "60000")
          .replace("}]}", "}],\"filters\":[{\"key\":\"service\",\"operator\":\"<\",\"value\":\"x\"}]}"));
      assertThat(badFilter.status()).isEqualTo(400);
      assertThat(badFilter.json().get("error").asText()).contains("'<'", "=, !=, =~ or !~");
      var badRegex = s.postJson("/grafana/query", query("perf.latency", "{}", "60000")
          .replace("}]}", "}],\"filters\":[{\"key\":\"service\",\"operator\":\"=~\",\"value\":\"(\"}]}"));
      assertThat(badRegex.status()).isEqualTo(400);

      var badVariable = s.postJson("/grafana/variable", "{\"payload\":{\"target\":\"planets\"}}");
      assertThat(badVariable.status()).isEqualTo(400);
      assertThat(badVariable.json().get("error").asText()).contains("app_versions", "experiments", "variants");
      var badOptionName = s.postJson("/grafana/metric-payload-options",
          "{\"metric\":\"perf.latency\",\"name\":\"colour\"}");
      assertThat(badOptionName.status()).isEqualTo(400);
      assertThat(badOptionName.json().get("error").asText()).contains("quantile, service, group_by");
      assertThat(s.postJson("/grafana/tag-values", "{}").status()).isEqualTo(400);
      assertThat(s.postJson("/grafana/query", "[1]").status()).isEqualTo(400);
    }
  }

  @Test
  void readTokenGuardsEveryGrafanaEndpointAndNothingElse() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withReadToken("s3cret").withWriteKeys(List.of("wk")))) {
      List<HttpRequest.Builder> calls = List.of(
          HttpRequest.newBuilder(s.uri("/grafana")).GET(),
          post(s, "/grafana/metrics", "{}"),
          post(s, "/grafana/metric-payload-options", "{\"metric\":\"perf.latency\",\"name\":\"quantile\"}"),
          post(s, "/grafana/query", query("perf.latency", "{}", "60000")),
          post(s, "/grafana/variable", "{\"payload\":{\"target\":\"services\"}}"),
          post(s, "/grafana/tag-keys", "{}"),
          post(s, "/grafana/tag-values", "{\"key\":\"app.version\"}"),
          HttpRequest.newBuilder(s.uri("/api/v1/rows/perf.latency?from=0&to=3600000")).GET(),
          HttpRequest.newBuilder(s.uri("/api/v1/catalogue")).GET());
      for (HttpRequest.Builder call : calls) {
        HttpRequest base = call.build();
        assertThat(s.send(copy(base)).status()).as("no token: " + base.uri()).isEqualTo(401);
        assertThat(s.send(copy(base).header("Authorization", "Bearer wk")).status())
            .as("a write key is not a read token: " + base.uri()).isEqualTo(401);
        var ok = s.send(copy(base).header("Authorization", "Bearer s3cret"));
        assertThat(ok.status()).as(base.uri() + " " + ok.text()).isEqualTo(200);
      }
      assertThat(s.get("/healthz").status()).isEqualTo(200);
    }
  }

  private static HttpRequest.Builder post(TestServer s, String path, String json) {
    return HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static HttpRequest.Builder copy(HttpRequest r) {
    return HttpRequest.newBuilder(r, (a, b) -> true);
  }
}
