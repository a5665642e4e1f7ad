package io.uxlens.datasource;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.grafana.Health;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.QueryRequest;
import io.uxlens.grafana.TimeRange;
import io.uxlens.query.Buckets;
import io.uxlens.query.Catalogue;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The JSON API protocol (simpod-json-datasource) over the catalogue: JSON in, plain maps and lists out, no HTTP.
 * Routes in the server package only move bytes and check the read token. Infinity's endpoints are {@link InfinityApi}.
 */
public final class JsonApiProtocol {
  private final Catalogue catalogue;
  private final Variables variables;
  private final ContextIndex contexts;
  private final Supplier<Health> health;

  public JsonApiProtocol(Catalogue catalogue, Variables variables, ContextIndex contexts, Supplier<Health> health) {
    this.catalogue = Objects.requireNonNull(catalogue);
    this.variables = Objects.requireNonNull(variables);
    this.contexts = Objects.requireNonNull(contexts);
    this.health = Objects.requireNonNull(health);
  }

  public Health health() {
    return health.get();
  }

  /** POST /grafana/metrics: every metric with its payload options; the named one filled with its payload. */
  public List<Map<String, Object>> metrics(JsonNode body) {
    String selected = body.path("metric").asText(null);
    Payload payload = WireParse.payload(body.get("payload"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Metric m : catalogue.all()) {
      Payload p = m.id().equals(selected) ? payload : Payload.EMPTY;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", m.id());
      entry.put("value", m.id());
      List<Map<String, Object>> payloads = new ArrayList<>();
      for (PayloadOption o : m.options()) {
        Map<String, Object> po = new LinkedHashMap<>();
        po.put("name", o.name());
        po.put("label", o.label());
        po.put("type", o.type().wire());
        if (o.source() != null) {
          po.put("options", options(o.source().options(p)));
        } else {
          po.put("placeholder", o.description());
        }
        po.put("reloadMetric", m.options().stream().anyMatch(x -> x.dependsOn().contains(o.name())));
        payloads.add(po);
      }
      entry.put("payloads", payloads);
      out.add(entry);
    }
    return out;
  }

  /** POST /grafana/metric-payload-options: the choices of one option given the payload so far. */
  public List<Map<String, Object>> payloadOptions(JsonNode body) {
    Metric m = catalogue.get(body.path("metric").asText(null));
    String name = body.path("name").asText(null);
    if (name == null) {
      throw Refusal.badRequest("name", "name (the payload option) is required");
    }
    PayloadOption o = catalogue.option(m, name);
    return o.source() == null ? List.of() : options(o.source().options(WireParse.payload(body.get("payload"))));
  }

  /** POST /grafana/query: frames for every runnable target (annotation queries included). */
  public List<Map<String, Object>> query(JsonNode body) {
    QueryRequest request = WireParse.query(body);
    return FrameJson.frames(catalogue.run(request));
  }

  /** POST /grafana/variable: [{__text, __value}] of a registered variable. */
  public List<Map<String, Object>> variable(JsonNode body) {
    Payload payload = WireParse.payload(body.get("payload"));
    String target = payload.first("target").orElse(body.path("target").asText(null));
    if (target == null) {
      throw Refusal.badRequest("payload.target", "payload.target names the variable; valid: "
          + String.join(", ", variables.names()));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (OptionValue v : variables.values(target, payload)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("__text", v.label());
      m.put("__value", v.value());
      out.add(m);
    }
    return out;
  }

  public List<Map<String, Object>> tagKeys() {
    return contexts.keys().stream().map(k -> obj("type", "string", "text", k)).toList();
  }

  public List<Map<String, Object>> tagValues(JsonNode body) {
    String key = body.path("key").asText(null);
    if (key == null || key.isBlank()) {
      throw Refusal.badRequest("key", "key is required");
    }
    return contexts.values(key).stream().map(v -> obj("text", v)).toList();
  }

  static List<Map<String, Object>> options(List<OptionValue> values) {
    return values.stream().map(v -> obj("label", v.label(), "value", v.value())).toList();
  }

  /** A JSON object with keys in the given order (Map.of would scramble them). */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
