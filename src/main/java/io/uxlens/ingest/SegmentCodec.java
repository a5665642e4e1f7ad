package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.Refusal;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Segment HTTP Tracking API messages to canonical events (docs/CONTRACTS.md "Segment tracking API").
 * Validates each message on its own, so one bad item in a batch never costs the others.
 */
public final class SegmentCodec {
  public static final String SOURCE = "segment";
  public static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "group", "alias");
  public static final int MAX_MESSAGE_ID = 100;

  /** Where the session id may live, tried in order: dot paths from the message root. */
  public static final List<String> DEFAULT_SESSION_PATHS =
      List.of("properties.session_id", "context.session_id", "context.sessionId");

  private final int maxEventBytes;
  private final List<String[]> sessionPaths;

  public SegmentCodec(int maxEventBytes, List<String> sessionPaths) {
    this.maxEventBytes = maxEventBytes;
    this.sessionPaths = sessionPaths.stream().map(p -> p.split("\\.")).toList();
  }

  /** The outcome of decoding a request: the valid events and the refused items. */
  public record Decoded(List<Event> events, List<Rejection> rejected) {}


  /** A {@code /v1/batch} (or {@code /v1/import}) body. */
  public Decoded decodeBatch(JsonNode body, long receivedAt, int maxEvents) {
    requireObject(body);
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw Refusal.badRequest("batch", "batch is required and must be an array of messages");
    }
    if (batch.size() > maxEvents) {
      throw Refusal.tooLarge("batch", "batch holds " + batch.size() + " events; the limit is "
          + maxEvents + " events per batch");
    }
    JsonNode sharedContext = body.get("context");
    JsonNode sentAt = body.get("sentAt");
    boolean mergeContext = sharedContext != null && sharedContext.isObject();
    SerializerProvider provider = Json.MAPPER.getSerializerProviderInstance();
    List<Event> events = new ArrayList<>(batch.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode item = batch.get(i);
      if (!item.isObject()) {
        rejected.add(new Rejection(i, "batch[" + i + "]", "each batch item must be a JSON object"));
        continue;
      }
      ObjectNode own = (ObjectNode) item;
      SegmentMessage msg = new SegmentMessage(own, mergeContext ? merge(sharedContext, own.get("context")) : null,
          own.has("sentAt") ? null : sentAt);
      JsonNode type = own.get("type");
      if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
        rejected.add(new Rejection(i, "batch[" + i + "].type", "type is required and must be one of "
            + sortedTypes()));
        continue;
      }
      try {
        events.add(decode(msg, type.asText(), receivedAt, provider));
      } catch (Refusal e) {
        rejected.add(Rejection.of(i, "batch[" + i + "]", e));
      }
    }
    return new Decoded(events, rejected);
  }

  /** A single-message call ({@code /v1/track} and friends): the type comes from the path. */
  public Event decodeSingle(JsonNode body, String type, long receivedAt) {
    requireObject(body);
    return decode(SegmentMessage.of((ObjectNode) body), type, receivedAt, null);
  }

  private static void requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw Refusal.badRequest("body", "the request body must be a JSON object");
    }
  }

  /**
   * One message to an event. With a {@code provider} the message is serialised once, held to the per-event size
   * limit, and its properties and context texts are cut from that; a single call (already held to the limit as a
   * body) serialises only those two.
   */
  private Event decode(SegmentMessage msg, String type, long receivedAt, SerializerProvider provider) {
    String propsField = type.equals("identify") || type.equals("group") ? "traits" : "properties";
    SegmentMessage.Serialised written = null;
    if (provider != null) {
      written = msg.serialise(propsField, provider);
      if (written.utf8Bytes() > maxEventBytes) {
        throw Refusal.badRequest("", "event is " + written.utf8Bytes() + " bytes; the limit is "
            + (maxEventBytes / 1024) + " KB per event");
      }
    }
    String userId = idText(msg, "userId");
    String anonymousId = idText(msg, "anonymousId");
    if (userId == null && anonymousId == null) {
      throw Refusal.badRequest("userId", "userId or anonymousId is required");
    }
    String name = switch (type) {
      case "track" -> {
        JsonNode ev = msg.get("event");
        if (ev == null || !ev.isTextual() || ev.asText().isBlank()) {
          throw Refusal.badRequest("event", "event is required for track and must be a non-empty string");
        }
        yield ev.asText();
      }
      case "page", "screen" -> optionalText(msg, "name");
      case "group" -> optionalText(msg, "groupId");
      case "alias" -> {
        String previous = idText(msg, "previousId");
        if (previous == null) {
          throw Refusal.badRequest("previousId", "previousId is required for alias");
        }
        yield previous;
      }
      default -> null;
    };
    JsonNode props = msg.get(propsField);
    if (props != null && !props.isNull() && !props.isObject()) {
      throw Refusal.badRequest(propsField, propsField + " must be a JSON object");
    }
    JsonNode context = msg.get("context");
    if (context != null && !context.isNull() && !context.isObject()) {
      throw Refusal.badRequest("context", "context must be a JSON object");
    }
    String messageId = optionalText(msg, "messageId");
    if (messageId != null && messageId.length() >= MAX_MESSAGE_ID) {
      throw Refusal.badRequest("messageId", "messageId must be shorter than " + MAX_MESSAGE_ID + " characters");
    }
    long timestamp = eventTime(msg, receivedAt);
    return new Event(
        messageId != null ? messageId : UUID.randomUUID().toString(),
        SOURCE, type, name, timestamp, receivedAt, userId, anonymousId,
        sessionId(msg),
        props == null || props.isNull() ? "{}" : written != null ? written.properties() : props.toString(),
        context == null || context.isNull() ? "{}" : written != null ? written.context() : context.toString());
  }

  /**
   * Segment's clock-skew rule: when the client says when it sent the message, the event time is
   * receivedAt - (sentAt - originalTimestamp), which cancels a wrong device clock.
   */
  private static long eventTime(SegmentMessage msg, long receivedAt) {
    Long original = time(msg, "originalTimestamp");
    Long timestamp = time(msg, "timestamp");
    Long sentAt = time(msg, "sentAt");
    Long clientTime = original != null ? original : timestamp;
    if (clientTime == null) {
      return receivedAt;
    }
    if (sentAt != null) {
      return receivedAt - (sentAt - clientTime);
    }
    return clientTime;
  }

  private static Long time(SegmentMessage msg, String field) {
    JsonNode n = msg.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw Refusal.badRequest(field, field + " must be an ISO-8601 date-time string");
    }
    return Wire.isoTime(n.asText(), field);
  }

  private String sessionId(SegmentMessage msg) {
    for (String[] path : sessionPaths) {
      JsonNode n = msg.get(path[0]);
      for (int i = 1; i < path.length; i++) {
        n = n == null ? null : n.get(path[i]);
      }
      if (n != null && (n.isTextual() || n.isNumber()) && !n.asText().isBlank()) {
        return n.asText();
      }
    }
    return null;
  }

  /** Ids may arrive as strings or numbers (Segment accepts both); anything else is refused. */
  private static String idText(SegmentMessage msg, String field) {
    return Wire.text(msg.own(), field, field, Integer.MAX_VALUE);
  }

  private static String optionalText(SegmentMessage msg, String field) {
    JsonNode n = msg.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw Refusal.badRequest(field, field + " must be a string");
    }
    return n.asText();
  }

  /** Batch-level context under the item's own: the item wins where both set a key. */
  private static JsonNode merge(JsonNode shared, JsonNode own) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.setAll((ObjectNode) shared);
    if (own != null && own.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = own.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static String sortedTypes() {
    return String.join(", ", TYPES.stream().sorted().toList());
  }

}
