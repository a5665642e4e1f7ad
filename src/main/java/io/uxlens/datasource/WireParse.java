package io.uxlens.datasource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.grafana.AdHocFilter;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.QueryRequest;
import io.uxlens.grafana.Target;
import io.uxlens.grafana.TimeRange;
import io.uxlens.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wire values into SDK records: times, intervals, payloads and the whole JSON API query request. */
public final class WireParse {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

  private WireParse() {}

  /** Epoch milliseconds (Infinity's ${__timeFrom}) or an ISO-8601 instant (the JSON API's range). */
  public static long time(String field, String text) {
    if (text == null || text.isBlank()) {
      throw Refusal.badRequest(field, field + " is required (epoch milliseconds or ISO-8601, e.g. 2026-01-01T00:00:00Z)");
    }
    String t = text.trim();
    if (t.matches("-?\\d{1,16}")) {
      return Long.parseLong(t);
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw Refusal.badRequest(field, field + " '" + text + "' is neither epoch milliseconds nor an ISO-8601 instant");
    }
  }

  public static TimeRange range(String fromField, String from, String toField, String to) {
    long f = time(fromField, from);
    long t = time(toField, to);
    if (t <= f) {
      throw Refusal.badRequest(toField, toField + " must be after " + fromField);
    }
    return new TimeRange(f, t);
  }

  /** An interval in milliseconds: a plain number, or Grafana's "500ms", "30s", "1m", "1h", "1d", "1w", "1y". */
  public static long interval(String field, String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    String t = text.trim();
    if (t.matches("\\d{1,15}")) {
      return Long.parseLong(t);
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw Refusal.badRequest(field, field + " '" + text + "' is not milliseconds or a duration like 30s, 1m, 1h");
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "ms" -> 1L;
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      case "w" -> 7 * 86_400_000L;
      default -> 365 * 86_400_000L;
    };
    return Math.multiplyExact(n, unit);
  }

  /** A payload given as an object or as a JSON string; arrays become multiple values, {label,value} its value. */
  public static Payload payload(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Payload.EMPTY;
    }
    JsonNode obj = node;
    if (node.isTextual()) {
      if (node.asText().isBlank()) {
        return Payload.EMPTY;
      }
      try {
        obj = Json.MAPPER.readTree(node.asText());
      } catch (JsonProcessingException e) {
        throw Refusal.badRequest("payload", "payload is a string but not a JSON object: " + e.getOriginalMessage());
      }
    }
    if (!obj.isObject()) {
      throw Refusal.badRequest("payload", "payload must be a JSON object (or a JSON string holding one)");
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    obj.properties().forEach(e -> {
      List<String> vs = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> addScalar(vs, v));
      } else {
        addScalar(vs, e.getValue());
      }
      values.put(e.getKey(), vs);
    });
    return new Payload(values);
  }

  private static void addScalar(List<String> out, JsonNode v) {
    if (v.isObject() && v.has("value")) {
      v = v.get("value");
    }
    if (v.isValueNode() && !v.isNull()) {
      out.add(v.asText());
    }
  }

  /** The JSON API plugin's /query body. */
  public static QueryRequest query(JsonNode body) {
    if (!body.isObject()) {
      throw Refusal.badRequest("body", "the query request must be a JSON object");
    }
    JsonNode range = body.path("range");
    if (!range.isObject()) {
      throw Refusal.badRequest("range", "range {from, to} is required");
    }
    TimeRange r = range("range.from", text(range.get("from")), "range.to", text(range.get("to")));
    long intervalMs = body.hasNonNull("intervalMs") ? nonNegative(body.get("intervalMs"), "intervalMs")
        : interval("interval", text(body.get("interval")));
    int maxDataPoints = body.hasNonNull("maxDataPoints")
        ? (int) Math.min(Integer.MAX_VALUE, nonNegative(body.get("maxDataPoints"), "maxDataPoints")) : 0;
    List<Target> targets = new ArrayList<>();
    JsonNode ts = body.path("targets");
    if (!ts.isMissingNode() && !ts.isArray()) {
      throw Refusal.badRequest("targets", "targets must be an array");
    }
    for (int i = 0; i < ts.size(); i++) {
      JsonNode t = ts.get(i);
      if (!t.isObject()) {
        throw Refusal.badRequest("targets[" + i + "]", "each target must be an object");
      }
      targets.add(new Target(text(t.get("refId")), text(t.get("target")), payload(t.get("payload")),
          t.path("hide").asBoolean(false)));
    }
    return new QueryRequest(r, intervalMs, maxDataPoints, targets, filters(body));
  }

  private static List<AdHocFilter> filters(JsonNode body) {
    JsonNode fs = body.has("filters") ? body.get("filters") : body.path("adhocFilters");
    List<AdHocFilter> out = new ArrayList<>();
    if (fs == null || fs.isNull() || fs.isMissingNode()) {
      return out;
    }
    if (!fs.isArray()) {
      throw Refusal.badRequest(body.has("filters") ? "filters" : "adhocFilters", "ad hoc filters must be an array");
    }
    for (int i = 0; i < fs.size(); i++) {
      JsonNode f = fs.get(i);
      String field = "filters[" + i + "]";
      if (text(f.get("key")) == null) {
        throw Refusal.badRequest(field + ".key", "an ad hoc filter needs a key");
      }
      try {
        String op = f.hasNonNull("operator") ? f.get("operator").asText() : "=";
        out.add(new AdHocFilter(f.get("key").asText(), AdHocFilter.Operator.of(op), text(f.get("value"))));
      } catch (IllegalArgumentException e) {
        throw Refusal.badRequest(field, e.getMessage());
      }
    }
    return out;
  }

  private static long nonNegative(JsonNode n, String field) {
    if (!n.isNumber() && !(n.isTextual() && n.asText().matches("\\d{1,15}"))) {
      throw Refusal.badRequest(field, field + " must be a non-negative number");
    }
    long v = n.asLong();
    if (v < 0) {
      throw Refusal.badRequest(field, field + " must be a non-negative number");
    }
    return v;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
  }
}
