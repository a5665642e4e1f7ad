package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.ingest.FaroCodec;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grafana Faro's /collect: a payload shaped exactly like @grafana/faro-core 2.12.1's TransportBody. */
class FaroIngestTest {
  @TempDir Path dir;

  /**
   * Faro's TransportBody: meta (Meta: sdk, app, user, session, page, browser, view), events (EventEvent),
   * measurements (MeasurementEvent), logs (LogEvent), exceptions (ExceptionEvent with Stacktrace frames) and
   * traces (TraceEvent = OTLP JSON resourceSpans). Times are ISO strings, as Faro's getCurrentTimestamp makes them.
   */
  static String payload(String spansKey) {
    return """
        {"meta":{
           "sdk":{"name":"faro","version":"2.12.1","integrations":[{"name":"@grafana/faro-web-tracing","version":"2.12.1"}]},
           "app":{"name":"inventory-web","version":"2.4.1","environment":"production"},
           "user":{"id":"user-7","email":"ana@example.com","attributes":{"plan":"pro"}},
           "session":{"id":"sess-faro-1","attributes":{"previousSession":"sess-faro-0"}},
           "page":{"id":"pg-1","url":"https://app.example.com/import"},
           "browser":{"name":"Firefox","version":"133.0","os":"Ubuntu","mobile":false,"language":"de-DE",
                      "viewportWidth":"1280","viewportHeight":"720"},
           "view":{"name":"import"}},
         "events":[{"name":"Import Started","domain":"browser","timestamp":"2026-05-01T10:00:00.000Z",
                    "attributes":{"rows":"12000"},"action":{"name":"click-import","id":"act-1"},"trace":{"trace_id":"a1b2c3d4e5f60718293a4b5c6d7e8f90","span_id":"0a1b2c3d4e5f6071"}}],
         "measurements":[
           {"type":"web-vitals","values":{"lcp":2412.3},"timestamp":"2026-05-01T10:00:01.000Z","context":{"rating":"needs-improvement"}},
           {"type":"web-vitals","values":{"inp":184},"timestamp":"2026-05-01T10:00:02.000Z"},
           {"type":"web-vitals","values":{"cls":0.12,"fcp":900.5,"ttfb":120},"timestamp":"2026-05-01T10:00:03.000Z"},
           {"type":"render","values":{"render_ms":316,"memory_mb":142.5},"timestamp":"2026-05-01T10:00:04.000Z"}],
         "logs":[{"context":{},"level":"info","message":"upload begins","timestamp":"2026-05-01T10:00:00.500Z"}],
         "exceptions":[{"type":"TypeError","value":"Cannot read properties of undefined (reading 'map')",
                        "timestamp":"2026-05-01T10:00:05.000Z","fingerprint":"fp-1",
                        "stacktrace":{"frames":[
                          {"filename":"https://app.example.com/static/js/main.js","function":"renderRows","lineno":812,"colno":17},
                          {"filename":"https://app.example.com/static/js/vendor.js","function":"commitRoot","lineno":91,"colno":3}]},
                        "context":{"component":"RowTable"}}],
         "traces":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"inventory-web"}}]},
           "%s":[{"scope":{"name":"@opentelemetry/instrumentation-fetch","version":"0.57.0"},"spans":[
             {"traceId":"a1b2c3d4e5f60718293a4b5c6d7e8f90","spanId":"0a1b2c3d4e5f6071","name":"HTTP POST","kind":3,
              "startTimeUnixNano":"1777629600000000000","endTimeUnixNano":"1777629600420000000",
              "attributes":[{"key":"http.response.status_code","value":{"intValue":500}}],"status":{"code":2}}]}]}]}}
        """.formatted(spansKey);
  }

  static void assertStored(TestServer s, String session, String user) throws Exception {
    var jdbi = s.server().store().jdbi();
    List<Event> events = new StoredRecords(jdbi).eventsOfSession(session);
    assertThat(events).extracting(Event::name).contains("Import Started", FaroCodec.EXCEPTION_EVENT);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo("faro");
      assertThat(e.userId()).isEqualTo(user);
      JsonNode ctx = Json.MAPPER.readTree(e.context());
      assertThat(ctx.path("app").path("version").asText()).isEqualTo("2.4.1");
      assertThat(ctx.path("page").path("url").asText()).startsWith("https://app.example.com/import");
      assertThat(ctx.has("user")).as("user identity lives in columns, not in context").isFalse();
    });
    Event error = events.stream().filter(e -> e.name().equals(FaroCodec.EXCEPTION_EVENT)).findFirst().orElseThrow();
    JsonNode props = Json.MAPPER.readTree(error.properties());
    assertThat(props.path("type").asText()).isEqualTo("TypeError");
    assertThat(props.path("value").asText()).startsWith("Cannot read properties of");
    assertThat(props.path("frame").path("lineno").isInt()).isTrue();
    assertThat(props.path("frame").path("filename").asText()).isNotBlank();

    Map<String, Double> vitals = new StoredRecords(jdbi).measurementsOfSession(session).stream()
        .collect(Collectors.toMap(Measurement::name, Measurement::value));
    assertThat(vitals).containsKeys("lcp", "cls", "render_ms", "memory_mb");

    List<Span> spans = new StoredRecords(jdbi).spansOfSession(session);
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).service()).isEqualTo("inventory-web");
    assertThat(spans.get(0).kind()).isEqualTo("client");
  }

  @Test
  void faroPayloadBecomesEventsMeasurementsErrorsAndSpansAndRetriesDedupe() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/collect", payload("scopeSpans"));
      assertThat(r.status()).isEqualTo(202);
      assertThat(r.json().path("accepted").path("events").asInt()).isEqualTo(2);
      assertThat(r.json().path("accepted").path("measurements").asInt()).isEqualTo(7);
      assertThat(r.json().path("accepted").path("spans").asInt()).isEqualTo(1);
      assertThat(r.json().path("rejected")).isEmpty();
      assertThat(r.json().path("ignored").path("logs").asInt()).isEqualTo(1);
      assertStored(s, "sess-faro-1", "user-7");

      List<Measurement> ms = new StoredRecords(s.server().store().jdbi()).measurementsOfSession("sess-faro-1");
      Measurement lcp = ms.stream().filter(m -> m.name().equals("lcp")).findFirst().orElseThrow();
      assertThat(lcp.value()).isEqualTo(2412.3);
      assertThat(lcp.unit()).isEqualTo("ms");
      assertThat(lcp.timestamp()).isEqualTo(java.time.Instant.parse("2026-05-01T10:00:01Z").toEpochMilli());
      assertThat(Json.MAPPER.readTree(lcp.context()).path("context").path("rating").asText())
          .isEqualTo("needs-improvement");
      assertThat(ms.stream().filter(m -> m.name().equals("cls")).findFirst().orElseThrow().unit()).isNull();
      Span span = new StoredRecords(s.server().store().jdbi()).spansOfSession("sess-faro-1").get(0);
      assertThat(span.status()).isEqualTo("error");
      assertThat(span.httpStatus()).isEqualTo(500);
      assertThat(span.durationMs()).isEqualTo(420.0);
      Event started = new StoredRecords(s.server().store().jdbi()).eventsOfSession("sess-faro-1").stream()
          .filter(e -> e.name().equals("Import Started")).findFirst().orElseThrow();
      JsonNode props = Json.MAPPER.readTree(started.properties());
      assertThat(props.path("rows").asText()).isEqualTo("12000");
      assertThat(props.path("domain").asText()).isEqualTo("browser");
      assertThat(props.path("action").asText()).isEqualTo("click-import");
      assertThat(props.path("trace_id").asText()).isEqualTo(span.traceId());
      assertThat(started.anonymousId()).as("the user id is known").isNull();

      TestServer.Response again = s.postJson("/collect", payload("scopeSpans"));
      assertThat(again.status()).isEqualTo(202);
      assertThat(again.json().path("duplicates").asInt()).isEqualTo(10);
      assertThat(s.count("events")).isEqualTo(2);
      assertThat(s.count("measurements")).isEqualTo(7);
      assertThat(s.count("spans")).isEqualTo(1);
    }
  }

  @Test
  void olderSendersInstrumentationLibrarySpansAreAccepted() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.postJson("/collect", payload("instrumentationLibrarySpans")).status()).isEqualTo(202);
      assertThat(s.count("spans")).isEqualTo(1);
    }
  }

  private static TestServer.Response collect(TestServer s, String origin, String apiKey, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/collect")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (apiKey != null) {
      b.header("x-api-key", apiKey);
    }
    return s.send(b);
  }

  @Test
  void apiKeyIsCheckedWhenConfigured() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(), "faro-secret"))) {
      TestServer.Response r = collect(s, null, null, payload("scopeSpans"));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().path("field").asText()).isEqualTo("x-api-key");
      r = collect(s, null, "wrong", payload("scopeSpans"));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().path("error").asText()).contains("not valid");
      assertThat(s.count("events")).isZero();
      assertThat(collect(s, null, "faro-secret", payload("scopeSpans")).status()).isEqualTo(202);
    }
  }

  private static TestServer.Response preflight(TestServer s, String path, String origin) throws Exception {
    return s.send(HttpRequest.newBuilder(s.uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-api-key"));
  }

  @Test
  void corsPreflightIsAnsweredOnlyForConfiguredOrigins() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of("https://app.example.com"), null))) {
      TestServer.Response ok = preflight(s, "/collect", "https://app.example.com");
      assertThat(ok.status()).isEqualTo(204);
      assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(ok.header("Access-Control-Allow-Methods")).contains("POST");
      assertThat(ok.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key")
          .containsIgnoringCase("content-type");
      assertThat(preflight(s, "/api/v1/feedback", "https://app.example.com").status()).isEqualTo(204);

      TestServer.Response refused = preflight(s, "/collect", "https://evil.example.net");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
      assertThat(refused.json().path("field").asText()).isEqualTo("Origin");
      assertThat(refused.json().path("error").asText()).contains("https://evil.example.net");

      TestServer.Response post = collect(s, "https://app.example.com", null, payload("scopeSpans"));
      assertThat(post.status()).isEqualTo(202);
      assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      TestServer.Response bad = collect(s, "https://app.example.com", null, "{}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.header("Access-Control-Allow-Origin")).as("errors are readable by the page too")
          .isEqualTo("https://app.example.com");
      TestServer.Response foreign = collect(s, "https://evil.example.net", null, payload("scopeSpans"));
      assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void corsIsRefusedWhenNoOriginIsConfigured() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = preflight(s, "/collect", "https://app.example.com");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("error").asText()).contains("--cors-origin");
    }
  }

  @Test
  void everyFaroRuleIsAnsweredWithStatusFieldAndMessage() throws Exception {
    String meta = "{\"session\":{\"id\":\"s-v\"},\"user\":{\"id\":\"u-v\"}}";
    try (TestServer s = TestServer.start(dir)) {
      assertRejected(s, "[]", 400, "body", "JSON object");
      assertRejected(s, "{\"events\":[]}", 400, "meta", "meta is required");
      assertRejected(s, "{\"meta\":{\"session\":{\"id\":{}}}}", 400, "meta.session.id", "must be a string");
      assertRejected(s, "{\"meta\":" + meta + ",\"events\":{}}", 400, "events", "must be an array");
      assertRejected(s, "{\"meta\":" + meta + ",\"events\":[{\"timestamp\":\"2026-05-01T10:00:00Z\"}]}", 400,
          "events[0].name", "name is required");
      assertRejected(s, "{\"meta\":" + meta + ",\"events\":[{\"name\":\"x\"}]}", 400, "events[0].timestamp",
          "timestamp is required");
      assertRejected(s, "{\"meta\":" + meta + ",\"events\":[{\"name\":\"x\",\"timestamp\":\"yesterday\"}]}", 400,
          "events[0].timestamp", "ISO-8601");
      assertRejected(s, "{\"meta\":{},\"events\":[{\"name\":\"x\",\"timestamp\":\"2026-05-01T10:00:00Z\"}]}", 400,
          "meta.session.id", "meta.session.id or meta.user.id is required");
      assertRejected(s, "{\"meta\":" + meta + ",\"exceptions\":[{\"value\":\"v\",\"timestamp\":\"2026-05-01T10:00:00Z\"}]}",
          400, "exceptions[0].type", "type is required");
      assertRejected(s, "{\"meta\":" + meta + ",\"exceptions\":[{\"type\":\"E\",\"timestamp\":\"2026-05-01T10:00:00Z\"}]}",
          400, "exceptions[0].value", "value is required");
      assertRejected(s, "{\"meta\":" + meta + ",\"measurements\":[{\"type\":\"web-vitals\",\"values\":{\"lcp\":\"fast\"},"
          + "\"timestamp\":\"2026-05-01T10:00:00Z\"}]}", 400, "measurements[0].values.lcp", "finite number");
      assertRejected(s, "{\"meta\":" + meta + ",\"measurements\":[{\"type\":\"web-vitals\",\"values\":{},"
          + "\"timestamp\":\"2026-05-01T10:00:00Z\"}]}", 400, "measurements[0].values", "non-empty object");
      assertRejected(s, "{\"meta\":" + meta + ",\"traces\":{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\","
          + "\"spanId\":\"0a1b2c3d4e5f6071\",\"name\":\"n\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}}",
          400, "traces", "traceId");
      assertThat(s.count("events") + s.count("measurements") + s.count("spans")).isZero();

      // One bad value costs only itself: the payload's good parts are kept and the bad one is named.
      TestServer.Response mixed = s.postJson("/collect", "{\"meta\":" + meta + ",\"measurements\":[{\"type\":\"t\","
          + "\"values\":{\"ok\":1,\"bad\":\"x\"},\"timestamp\":\"2026-05-01T10:00:00Z\"}]}");
      assertThat(mixed.status()).isEqualTo(202);
      assertThat(mixed.json().path("rejected").get(0).path("field").asText()).isEqualTo("measurements[0].values.bad");
      assertThat(s.count("measurements")).isEqualTo(1);

      TestServer.Response big = s.send(HttpRequest.newBuilder(s.uri("/collect"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[Limits.FARO_BODY_BYTES + 1])));
      assertThat(big.status()).isEqualTo(413);
      assertThat(big.json().path("error").asText()).contains("5 MiB");
    }
  }

  static void assertRejected(TestServer s, String body, int status, String field, String message) throws Exception {
    TestServer.Response r = s.postJson("/collect", body);
    assertThat(r.status()).as(body).isEqualTo(status);
    assertThat(r.json().path("field").asText()).as(body).isEqualTo(field);
    assertThat(r.json().path("error").asText()).as(body).contains(message);
  }
}
