package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Amplitude export lines (one event per line: event_type, user_id, device_id, event_time in UTC as
 * {@code YYYY-MM-DD HH:MM:SS.ffffff}, event_properties, user_properties...) as Segment messages. The mapping is
 * documented in docs/IMPORT.md.
 */
final class AmplitudeLines implements RowMapper {
  static final String ID_PREFIX = "amplitude-";
  private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

  /** Amplitude top-level field to Segment context path. */
  private static final Map<String, String> CONTEXT = Map.ofEntries(
      Map.entry("version_name", "app.version"), Map.entry("os_name", "os.name"),
      Map.entry("os_version", "os.version"), Map.entry("device_model", "device.model"),
      Map.entry("device_manufacturer", "device.manufacturer"), Map.entry("country", "location.country"),
      Map.entry("city", "location.city"), Map.entry("region", "location.region"),
      Map.entry("language", "locale"), Map.entry("ip_address", "ip"), Map.entry("library", "library.name"),
      Map.entry("device_id", "device.id"));

  @Override
  public Mapped map(Row row) throws RowProblem {
    ObjectNode in = JsonLines.object(row.text(), "one Amplitude event");
    ObjectNode out = Jsons.MAPPER.createObjectNode();
    String type = JsonLines.text(in, "event_type");
    boolean identify = "$identify".equals(type);
    out.put("type", identify ? "identify" : "track");
    if (!identify) {
      JsonLines.put(out, "event", in.get("event_type"));
    }
    String id = JsonLines.text(in, "insert_id");
    id = id != null ? id : JsonLines.text(in, "$insert_id");
    id = id != null ? id : JsonLines.text(in, "uuid");
    out.put("messageId", id != null ? ID_PREFIX + id : Jsons.hashId(ID_PREFIX, row.text().strip()));
    JsonLines.put(out, "userId", in.get("user_id"));
    JsonLines.put(out, "anonymousId", in.get("device_id"));
    String time = JsonLines.text(in, "event_time");
    if (time != null) {
      out.put("timestamp", time(time));
    }
    ObjectNode props = in.get("event_properties") instanceof ObjectNode p ? p.deepCopy()
        : Jsons.MAPPER.createObjectNode();
    JsonNode session = in.get("session_id");
    if (session != null && session.isIntegralNumber() && session.asLong() > 0 && !props.has("session_id")) {
      props.put("session_id", session.asText());
    }
    ObjectNode context = Jsons.MAPPER.createObjectNode();
    for (Map.Entry<String, String> e : CONTEXT.entrySet()) {
      JsonLines.put(context, e.getValue(), in.get(e.getKey()));
    }
    String platform = JsonLines.text(in, "platform");
    if (platform != null) {
      JsonLines.put(context, "device.type", TextNode.valueOf(platform.toLowerCase(Locale.ROOT)));
    }
    if (in.get("user_properties") instanceof ObjectNode traits && !traits.isEmpty()) {
      context.set("traits", traits);
    }
    out.set(identify ? "traits" : "properties", identify && in.get("user_properties") != null
        ? in.get("user_properties") : props);
    out.set("context", context);
    return new Mapped(out.toString(), 1);
  }

  @Override
  public String describe(String field) {
    return switch (field) {
      case "userId" -> "userId (from user_id or device_id)";
      case "timestamp" -> "timestamp (from event_time)";
      case "event" -> "event (from event_type)";
      default -> field;
    };
  }

  /** Amplitude's UTC {@code 2026-05-01 10:00:00.123456} as ISO-8601; other text is passed on for the server. */
  private static String time(String s) {
    try {
      return LocalDateTime.parse(s.strip(), EVENT_TIME).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return s;
    }
  }
}
