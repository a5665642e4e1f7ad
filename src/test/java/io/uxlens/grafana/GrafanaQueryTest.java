package io.uxlens.grafana;

import static io.uxlens.testing.GrafanaFixture.FROM;
import static io.uxlens.testing.GrafanaFixture.T0;
import static io.uxlens.testing.GrafanaFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.GrafanaFixture;
import io.uxlens.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /grafana/query semantics over a real server and SQLite file: buckets, nulls, quantiles, group_by, filters. */
class GrafanaQueryTest {
  @RegisterExtension static final TestServer server = TestServer.perClass(c -> c, GrafanaFixture::seed);

  static String request(String target, String payload, String filters) {
    return "{\"range\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\",\"raw\":{\"from\":\"now-1h\",\"to\":\"now\"}},"
        + "\"interval\":\"10m\",\"intervalMs\":600000,\"maxDataPoints\":100,"
        + "\"targets\":[{\"refId\":\"A\",\"target\":\"" + target + "\",\"payload\":" + payload + "}],"
        + "\"filters\":" + filters + "}";
  }

  static JsonNode query(String target, String payload, String filters) throws Exception {
    TestServer.Response r = server.postJson("/grafana/query", request(target, payload, filters));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  static List<Object> values(JsonNode frame, String field) {
    List<Object> out = new ArrayList<>();
    for (JsonNode f : frame.get("fields")) {
      if (f.get("name").asText().equals(field)) {
        f.get("values").forEach(v -> out.add(v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
            : (Object) v.asDouble()));
        return out;
      }
    }
    throw new AssertionError("no field " + field + " in " + frame);
  }

  @Test
  void errorRateHasAlignedBucketsNullWhereNoSpanAndItsDenominators() throws Exception {
    JsonNode frames = query("perf.error_rate", "{}", "[]");
    assertThat(frames).hasSize(1);
    JsonNode f = frames.get(0);
    assertThat(f.get("refId").asText()).isEqualTo("A");
    List<Long> expectedTimes = new ArrayList<>();
    for (int i = 0; i <= 6; i++) {
      expectedTimes.add(T0 + i * 600_000L);
    }
    assertThat(values(f, "time")).containsExactlyElementsOf(new ArrayList<>(expectedTimes));
    // bucket 0: 1 error of 11 spans; bucket 1: 2 of 2; bucket 2: no span -> null, not 0; bucket 3: 0 of 1
    assertThat(values(f, "value")).containsExactly(1.0 / 11, 1.0, null, 0.0, null, null, null);
    assertThat(values(f, "spans")).containsExactly(11L, 2L, 0L, 1L, 0L, 0L, 0L);
    assertThat(values(f, "errors")).containsExactly(1L, 2L, 0L, 0L, 0L, 0L, 0L);
    assertThat(f.at("/fields/1/config/unit").asText()).isEqualTo("percentunit");
  }

  @Test
  void latencyQuantilesAreWithinTheSketchAccuracyOfExactValues() throws Exception {
    JsonNode frames = query("perf.latency", "{\"service\":\"checkout-api\",\"quantile\":[\"p50\",\"p99\"]}", "[]");
    assertThat(frames).hasSize(2);
    JsonNode p50 = frames.get(0);
    assertThat(p50.at("/fields/1/labels/quantile").asText()).isEqualTo("p50");
    assertThat(p50.at("/fields/1/config/unit").asText()).isEqualTo("ms");
    // bucket 0 durations 10,20,...,100. DDSketch answers the value of rank floor(q*(n-1)) within 1% relative
    // accuracy: p50 -> rank 4 = 50 ms, p99 -> rank 8 = 90 ms
    double b0 = (Double) values(p50, "value").get(0);
    assertThat(b0).isCloseTo(50.0, within(50.0 * 0.011));
    assertThat((Double) values(frames.get(1), "value").get(0)).isCloseTo(90.0, within(0.99));
    assertThat((Double) values(p50, "value").get(1)).isCloseTo(200.0, within(2.2));
    assertThat(values(p50, "value").get(2)).isNull();
    assertThat(values(p50, "count")).containsExactly(10L, 2L, 0L, 0L, 0L, 0L, 0L);
  }

  @Test
  void groupBySplitsIntoLabelledSeriesFromSessionContext() throws Exception {
    JsonNode frames = query("perf.error_rate", "{\"group_by\":\"app.version\"}", "[]");
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).at("/fields/1/labels/app.version").asText()).isEqualTo("2.4.1");
    assertThat(frames.get(1).at("/fields/1/labels/app.version").asText()).isEqualTo("2.5.0");
    assertThat(frames.get(1).at("/fields/1/config/displayNameFromDS").asText()).isEqualTo("error rate 2.5.0");
    // s1 (2.4.1): ten checkout spans, one error, plus the search span in bucket 3
    assertThat(values(frames.get(0), "spans")).containsExactly(10L, 0L, 0L, 1L, 0L, 0L, 0L);
    // s2 (2.5.0): the search span in bucket 0 and two failing checkout spans in bucket 1
    assertThat(values(frames.get(1), "value")).containsExactly(0.0, 1.0, null, null, null, null, null);
  }

  @Test
  void adHocFiltersApplyWithAllFourOperators() throws Exception {
    assertThat(values(query("perf.error_rate", "{}",
        "[{\"key\":\"app.version\",\"operator\":\"=\",\"value\":\"2.5.0\"}]").get(0), "spans"))
        .containsExactly(1L, 2L, 0L, 0L, 0L, 0L, 0L);
    assertThat(values(query("perf.error_rate", "{}",
        "[{\"key\":\"app.version\",\"operator\":\"!=\",\"value\":\"2.5.0\"}]").get(0), "spans"))
        .containsExactly(10L, 0L, 0L, 1L, 0L, 0L, 0L);
    assertThat(values(query("perf.error_rate", "{}",
        "[{\"key\":\"http.route\",\"operator\":\"=~\",\"value\":\"/(cart|pay)\"}]").get(0), "spans"))
        .containsExactly(10L, 2L, 0L, 0L, 0L, 0L, 0L);
    assertThat(values(query("perf.error_rate", "{}",
        "[{\"key\":\"service\",\"operator\":\"!~\",\"value\":\"check.*\"}]").get(0), "spans"))
        .containsExactly(1L, 0L, 0L, 1L, 0L, 0L, 0L);
    assertThat(query("perf.error_rate", "{}", "[{\"key\":\"app.version\",\"operator\":\"=\",\"value\":\"9\"}]"))
        .isEmpty();
  }

  @Test
  void payloadMayArriveAsAJsonStringAndHiddenTargetsAreSkipped() throws Exception {
    JsonNode asString = query("perf.latency", "\"{\\\"service\\\":\\\"search-api\\\",\\\"quantile\\\":\\\"p95\\\"}\"",
        "[]");
    assertThat(asString).hasSize(1);
    assertThat(values(asString.get(0), "count")).containsExactly(1L, 0L, 0L, 1L, 0L, 0L, 0L);
    String body = request("perf.latency", "{}", "[]").replace("\"targets\":[{",
        "\"targets\":[{\"refId\":\"H\",\"target\":\"perf.error_rate\",\"hide\":true},{\"refId\":\"N\"},{");
    JsonNode frames = server.postJson("/grafana/query", body).json();
    assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(f.get("refId").asText()).isEqualTo("A"));
  }

  @Test
  void webVitalsUseTheQuantileAndUnitsPerVital() throws Exception {
    JsonNode frames = query("perf.web_vitals", "{\"quantile\":\"p50\",\"vital\":[\"lcp\",\"cls\"]}", "[]");
    assertThat(frames).hasSize(2);
    JsonNode cls = frames.get(0);
    JsonNode lcp = frames.get(1);
    assertThat(cls.at("/fields/1/config/unit").asText()).isEqualTo("none");
    assertThat(lcp.at("/fields/1/config/unit").asText()).isEqualTo("ms");
    assertThat(lcp.at("/fields/1/labels/vital").asText()).isEqualTo("lcp");
    assertThat(values(lcp, "count")).containsExactly(2L, 0L, 1L, 0L, 0L, 0L, 0L);
    assertThat((Double) values(lcp, "value").get(2)).isCloseTo(2500.0, within(25.0));
    assertThat(values(lcp, "value").get(1)).isNull();
  }

  @Test
  void annotationQueriesAnswerTimeTimeEndTitleTextTags() throws Exception {
    JsonNode frames = query("annotations", "{\"tag\":[\"incident\",\"deploy\"]}", "[]");
    assertThat(frames).hasSize(1);
    JsonNode f = frames.get(0);
    assertThat(values(f, "time")).containsExactly(T0 + 15 * 60_000L, T0 + 30 * 60_000L);
    assertThat(values(f, "timeEnd")).containsExactly(T0 + 15 * 60_000L, T0 + 40 * 60_000L);
    assertThat(f.at("/fields/4/type").asText()).isEqualTo("other");
    assertThat(f.at("/fields/4/values/0").toString()).isEqualTo("[\"deploy\",\"checkout\"]");
    JsonNode onlyCi = query("annotations", "{\"source\":\"ci\"}", "[]").get(0);
    assertThat(values(onlyCi, "title")).hasSize(1);
  }
}
