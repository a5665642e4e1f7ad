package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Mixpanel raw export lines ({@code {"event":..,"properties":{"time":..,"distinct_id":..,"$insert_id":..}}}) as
 * Segment track messages. The mapping is documented in docs/IMPORT.md; Mixpanel's own {@code $} properties that
 * Segment keeps in {@code context} move there, everything else stays in properties.
 */
final class MixpanelLines implements RowMapper {
  static final String ID_PREFIX = "mixpanel-";
  /** Epoch values above this are milliseconds (Mixpanel exports seconds; some pipelines write milliseconds). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  /** Mixpanel default property to Segment context path. */
  private static final Map<String, String> CONTEXT = Map.ofEntries(
      Map.entry("$os", "os.name"), Map.entry("$os_version", "os.version"),
      Map.entry("$app_version_string", "app.version"), Map.entry("$app_release", "app.build"),
      Map.entry("$app_build_number", "app.build"), Map.entry("$manufacturer", "device.manufacturer"),
      Map.entry("$model", "device.model"), Map.entry("$screen_width", "screen.width"),
      Map.entry("$screen_height", "screen.height"), Map.entry("mp_country_code", "location.country"),
      Map.entry("$city", "location.city"), Map.entry("$region", "location.region"),
      Map.entry("$current_url", "page.url"), Map.entry("$referrer", "page.referrer"),
      Map.entry("mp_lib", "library.name"), Map.entry("$lib_version", "library.version"),
      Map.entry("ip", "ip"), Map.entry("$device_id", "device.id"));

  @Override
  public Mapped map(Row row) throws RowProblem {
    ObjectNode in = JsonLines.object(row.text(), "one Mixpanel event");
    ObjectNode props = in.get("properties") instanceof ObjectNode p ? p.deepCopy() : Jsons.MAPPER.createObjectNode();
    ObjectNode out = Jsons.MAPPER.createObjectNode();
    out.put("type", "track");
    JsonLines.put(out, "event", in.get("event"));
    String insertId = JsonLines.text(props, "$insert_id");
    out.put("messageId", insertId != null ? ID_PREFIX + insertId : Jsons.hashId(ID_PREFIX, row.text().strip()));
    String distinct = JsonLines.text(props, "distinct_id");
    String userId = JsonLines.text(props, "$user_id");
    String deviceId = JsonLines.text(props, "$device_id");
    if (distinct != null && distinct.startsWith("$device:")) {
      deviceId = deviceId != null ? deviceId : distinct.substring("$device:".length());
    } else if (userId == null) {
      userId = distinct;
    }
    if (userId != null) {
      out.put("userId", userId);
    }
    if (deviceId != null) {
      out.put("anonymousId", deviceId);
    }
    String time = time(props.get("time"));
    if (time != null) {
      out.put("timestamp", time);
    }
    ObjectNode context = Jsons.MAPPER.createObjectNode();
    for (Map.Entry<String, String> e : CONTEXT.entrySet()) {
      JsonNode v = props.remove(e.getKey());
      JsonLines.put(context, e.getValue(), v);
    }
    for (String consumed : new String[] {"time", "distinct_id", "$insert_id", "$user_id", "token", "mp_processing_time_ms"}) {
      props.remove(consumed);
    }
    out.set("properties", props);
    out.set("context", context);
    return new Mapped(out.toString(), 1);
  }

  @Override
  public String describe(String field) {
    return switch (field) {
      case "userId" -> "userId (from properties.distinct_id, $user_id or $device_id)";
      case "timestamp" -> "timestamp (from properties.time)";
      case "event" -> "event";
      default -> field;
    };
  }

  /** Epoch seconds (or milliseconds) to ISO-8601; anything else is passed on for the server to refuse. */
  private static String time(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      long v = n.asLong();
      return Instant.ofEpochMilli(v > MILLIS_THRESHOLD ? v : Math.round(n.asDouble() * 1000)).toString();
    }
    return n.asText();
  }
}
