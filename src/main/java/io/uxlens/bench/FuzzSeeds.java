package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid request bodies for every endpoint that takes input, the fuzzer's starting points. Ingest seeds carry
 * {@code {n}} where ids go, so each case stores new records (and a 200 can be checked against the store); Grafana and
 * Infinity seeds are built from the server's own catalogue (every metric with the first choice of each option).
 * GET endpoints are seeds too: their query parameters are the JSON object that gets mutated.
 */
final class FuzzSeeds {
  /** How a seed is sent: POST with a body of this content type, or GET with the object as query parameters. */
  enum Wire { JSON, PROTOBUF, QUERY }

  /** One valid request: its endpoint label, path, how it travels and the body (or parameters) as JSON. */
  record Seed(String label, String path, Wire wire, JsonNode body) {}

  static final String RANGE_FROM = "2026-04-30T00:00:00Z";
  static final String RANGE_TO = "2026-05-02T00:00:00Z";

  private FuzzSeeds() {}

  static List<Seed> ingest() {
    List<Seed> out = new ArrayList<>();
    out.add(seed("segment batch", "/v1/batch", Wire.JSON, """
        {"batch":[
          {"type":"track","userId":"u-{n}","messageId":"m-{n}-1","event":"Import Started",
           "properties":{"session_id":"s-{n}","rows":12000},"timestamp":"2026-05-01T10:00:00Z",
           "sentAt":"2026-05-01T10:00:01Z","context":{"app":{"version":"2.4.1"}}},
          {"type":"page","anonymousId":"a-{n}","messageId":"m-{n}-2","name":"Import",
           "properties":{"session_id":"s-{n}","url":"https://app.example.com/import"},"timestamp":"2026-05-01T10:00:02Z"},
          {"type":"track","userId":"u-{n}","messageId":"m-{n}-3","event":"Survey Responded",
           "properties":{"kind":"csat","score":4,"text":"fine","journey":"inventory-import","session_id":"s-{n}"},
           "timestamp":"2026-05-01T10:00:03Z"}],
         "context":{"library":{"name":"analytics-java","version":"3.5.4"}}}"""));
    out.add(seed("segment track", "/v1/track", Wire.JSON, """
        {"userId":"u-{n}","messageId":"t-{n}","event":"File Uploaded","properties":{"session_id":"s-{n}","bytes":2048},
         "timestamp":"2026-05-01T10:00:40Z","context":{"sessionId":"s-{n}"}}"""));
    out.add(seed("segment identify", "/v1/identify", Wire.JSON, """
        {"userId":"u-{n}","messageId":"i-{n}","traits":{"plan":"pro"},"timestamp":"2026-05-01T10:00:40Z"}"""));
    String otlp = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"imports-api"}},
            {"key":"session.id","value":{"stringValue":"s-{n}"}}]},
          "scopeSpans":[{"scope":{"name":"manual"},"spans":[
            {"traceId":"{trace}","spanId":"{span}","name":"POST /api/imports/{id}/process","kind":2,
             "startTimeUnixNano":"1777629600000000000","endTimeUnixNano":"1777629600420000000",
             "attributes":[{"key":"http.response.status_code","value":{"intValue":"200"}},
                           {"key":"http.route","value":{"stringValue":"/api/imports/{id}/process"}}],
             "status":{"code":1}}]}]}]}""";
    out.add(seed("otlp json", "/v1/traces", Wire.JSON, otlp));
    out.add(seed("otlp protobuf", "/v1/traces", Wire.PROTOBUF, otlp));
    out.add(seed("faro", "/collect", Wire.JSON, """
        {"meta":{"sdk":{"name":"faro","version":"2.12.1"},"app":{"name":"shop-web","version":"2.4.1"},
           "user":{"id":"u-{n}"},"session":{"id":"s-{n}","attributes":{"session_id":"s-{n}"}},
           "page":{"url":"https://app.example.com/import"}},
         "events":[{"name":"Import Started","domain":"browser","timestamp":"2026-05-01T10:00:00.000Z",
                    "attributes":{"rows":"12000"}}],
         "measurements":[{"type":"web-vitals","values":{"lcp":2412.3,"cls":0.12},"timestamp":"2026-05-01T10:00:01.000Z"}],
         "exceptions":[{"type":"TypeError","value":"x is undefined","timestamp":"2026-05-01T10:00:05.000Z",
                        "stacktrace":{"frames":[{"filename":"https://app.example.com/main.js","function":"f",
                                                 "lineno":12,"colno":3}]}}]}"""));
    out.add(seed("feedback", "/api/v1/feedback", Wire.JSON, """
        {"items":[{"id":"f-{n}","kind":"nps","score":9,"text":"imports are slow","userId":"u-{n}","sessionId":"s-{n}",
          "journey":"inventory-import","timestamp":"2026-05-01T10:00:00Z","tags":["import"]},
          {"id":"g-{n}","kind":"text","text":"confusing errors","userId":"u-{n}","timestamp":"2026-05-01T10:01:00Z"}]}"""));
    out.add(seed("annotations", "/api/v1/annotations", Wire.JSON, """
        [{"id":"d-{n}","time":"2026-05-01T10:00:00Z","timeEnd":1777640400000,"title":"Deploy checkout-api",
          "text":"v2.4.1","tags":["deploy","checkout"]}]"""));
    out.add(seed("annotations list", "/api/v1/annotations", Wire.QUERY, """
        {"from":"2026-04-30T00:00:00Z","to":"2026-05-02T00:00:00Z"}"""));
    return out;
  }

  /**
   * Grafana JSON API and Infinity seeds from {@code /grafana/metrics}: a query and a rows request per metric (first
   * choice of each option that has choices), plus the variable, payload-option and tag endpoints.
   */
  static List<Seed> reads(JsonNode metrics) {
    List<Seed> out = new ArrayList<>();
    for (JsonNode m : metrics) {
      String id = m.path("value").asText();
      if (id.equals("correlation.system")) {
        continue; // needs a Prometheus server (--prometheus-url); without one every request is a 400 by design
      }
      ObjectNode payload = Json.MAPPER.createObjectNode();
      String firstOption = null;
      for (JsonNode p : m.path("payloads")) {
        JsonNode first = p.path("options").path(0).path("value");
        if (first.isTextual()) {
          payload.put(p.path("name").asText(), first.asText());
          firstOption = firstOption == null ? p.path("name").asText() : firstOption;
        }
      }
      ObjectNode query = (ObjectNode) parse("""
          {"range":{"from":"%s","to":"%s","raw":{"from":"now-2d","to":"now"}},"intervalMs":3600000,
           "maxDataPoints":500,"targets":[{"refId":"A","target":"%s"}],"adhocFilters":[]}""".formatted(
          RANGE_FROM, RANGE_TO, id));
      ((ObjectNode) query.path("targets").path(0)).set("payload", payload.deepCopy());
      out.add(new Seed("grafana query", "/grafana/query", Wire.JSON, query));
      ObjectNode params = (ObjectNode) parse("{\"from\":\"" + RANGE_FROM + "\",\"to\":\"" + RANGE_TO + "\"}");
      params.setAll(payload);
      out.add(new Seed("infinity rows", "/api/v1/rows/" + id, Wire.QUERY, params));
      if (firstOption != null) {
        ObjectNode options = Json.MAPPER.createObjectNode();
        options.put("metric", id);
        options.put("name", firstOption);
        options.set("payload", payload.deepCopy());
        out.add(new Seed("grafana payload options", "/grafana/metric-payload-options", Wire.JSON, options));
      }
    }
    out.add(seed("grafana metrics", "/grafana/metrics", Wire.JSON, "{\"metric\":\"feedback.nps\",\"payload\":{}}"));
    for (String variable : new String[] {"journeys", "steps", "experiments", "variants", "services", "app_versions",
        "squads"}) {
      out.add(seed("grafana variable", "/grafana/variable", Wire.JSON, """
          {"payload":{"target":"%s","journey":"inventory-import"},"range":{"from":"%s","to":"%s"}}""".formatted(
          variable, RANGE_FROM, RANGE_TO)));
    }
    out.add(seed("grafana tag keys", "/grafana/tag-keys", Wire.JSON, "{}"));
    out.add(seed("grafana tag values", "/grafana/tag-values", Wire.JSON, "{\"key\":\"journey\"}"));
    return out;
  }

  private static Seed seed(String label, String path, Wire wire, String json) {
    return new Seed(label, path, wire, parse(json));
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a fuzz seed is not JSON: " + json, e);
    }
  }
}
