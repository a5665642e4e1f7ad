package io.uxlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.datasource.InfinityApi;
import io.uxlens.datasource.JsonApiProtocol;
import io.uxlens.grafana.Health;
import io.uxlens.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Grafana's read endpoints: the JSON API under /grafana and the Infinity rows and catalogue under /api/v1.
 * All of them sit behind the read token when one is configured. Protocol work lives in {@link JsonApiProtocol}
 * and {@link InfinityApi}.
 */
final class GrafanaRoutes {
  private final JsonApiProtocol api;
  private final InfinityApi infinity;
  private final ReadToken token;
  private final QueryGate gate;

  GrafanaRoutes(JsonApiProtocol api, InfinityApi infinity, ReadToken token, QueryGate gate) {
    this.api = api;
    this.infinity = infinity;
    this.token = token;
    this.gate = gate;
  }

  void register(Router router) {
    router.filter(call -> {
      String p = call.path();
      if (p.equals("/grafana") || p.startsWith("/grafana/") || p.startsWith("/api/v1/rows/")
          || p.equals("/api/v1/catalogue")) {
        token.check(call);
      }
      return null;
    });
    router.add("GET", "/grafana", call -> health(api.health()));
    router.add("POST", "/grafana/metrics", json(api::metrics));
    router.add("POST", "/grafana/metric-payload-options", json(api::payloadOptions));
    router.add("POST", "/grafana/query",
        json((call, body) -> gate.run(targets(body), () -> api.query(body), call.clientGone())));
    router.add("POST", "/grafana/variable", json(api::variable));
    router.add("POST", "/grafana/tag-keys", json(body -> api.tagKeys()));
    router.add("POST", "/grafana/tag-values", json(api::tagValues));
    router.add("GET", "/api/v1/rows/{metric}",
        call -> Reply.json(gate.run(call.pathParam("metric"),
            () -> infinity.rows(call.pathParam("metric"), call.queryParams()), call.clientGone())));
    router.add("GET", "/api/v1/catalogue", call -> Reply.json(infinity.catalogue()));
  }

  /** The metrics a JSON API query asks for, to name them if it runs out of time. */
  private static String targets(JsonNode body) {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    body.path("targets").forEach(t -> ids.add(t.path("target").asText("?")));
    return ids.isEmpty() ? "the query" : String.join(", ", ids);
  }

  private static Reply health(Health h) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", h.status().name());
    body.put("message", h.message());
    return Reply.json(h.ok() ? 200 : 503, body);
  }

  /** A POST route whose JSON body (an empty body counts as {}) goes to the adapter and whose answer is JSON. */
  private static Route json(Function<JsonNode, Object> handler) {
    return json((call, body) -> handler.apply(body));
  }

  /** The same, for a handler that also needs the call (to tell whether its client is still there). */
  private static Route json(java.util.function.BiFunction<HttpCall, JsonNode, Object> handler) {
    return call -> {
      byte[] bytes = call.body(Limits.JSON_BODY_BYTES, "JSON body");
      JsonNode body;
      try {
        body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        throw Refusal.badRequest("body", "invalid JSON" + where + ": " + e.getOriginalMessage());
      }
      if (body == null || !body.isObject()) {
        throw Refusal.badRequest("body", "the request body must be a JSON object");
      }
      return Reply.json(handler.apply(call, body));
    };
  }
}
