package io.uxlens.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.Refusal;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Feedback items (NPS, CSAT, CES, free text, tickets) to canonical feedback, from the feedback API or from
 * Segment {@code track} events named {@code Survey Responded} / {@code Feedback Submitted}. Each item is checked on
 * its own: a bad one is reported by index and field, the others are kept. Every item with text gets its sentiment
 * from the scorer it is given (VADER in the server), so sentiment is computed once, at ingest, and stored.
 */
public final class FeedbackCodec {
  public static final String SOURCE_API = "api";
  public static final String SOURCE_SEGMENT = "segment";
  public static final Set<String> KINDS = Set.of("nps", "csat", "ces", "text", "ticket");
  public static final Set<String> SEGMENT_EVENTS = Set.of("Survey Responded", "Feedback Submitted");
  public static final int MAX_ITEMS = 1_000;
  public static final int MAX_TEXT = 5_000;
  public static final int MAX_ID = 100;
  public static final int MAX_REF = 200;
  public static final int MAX_TAGS = 20;
  public static final int MAX_TAG = 100;

  private final ToDoubleFunction<String> sentiment;

  /** @param sentiment compound sentiment in [-1, 1] of a text; a pure function, called for items with text */
  public FeedbackCodec(ToDoubleFunction<String> sentiment) {
    this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
  }

  /** The valid items and the refused ones. */
  public record Decoded(List<Feedback> items, List<Rejection> rejected) {}


  /** {@code {"items":[...]}}, a bare array, or one item object. Fields are reported as {@code items[i].x}. */
  public Decoded decodeBatch(JsonNode body) {
    JsonNode items;
    if (body != null && body.isArray()) {
      items = body;
    } else if (body != null && body.isObject() && body.has("items")) {
      items = body.get("items");
      if (!items.isArray()) {
        throw Refusal.badRequest("items", "items must be an array of feedback items");
      }
    } else if (body != null && body.isObject()) {
      items = JsonNodeFactory.instance.arrayNode().add(body);
    } else {
      throw Refusal.badRequest("body", "the body must be {\"items\":[...]}, an array of items or one item");
    }
    if (items.isEmpty()) {
      throw Refusal.badRequest("items", "items must hold at least one feedback item");
    }
    if (items.size() > MAX_ITEMS) {
      throw Refusal.tooLarge("items", "items holds " + items.size() + " entries; the limit is " + MAX_ITEMS
          + " per request");
    }
    List<Feedback> ok = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        ok.add(item(items.get(i), null, SOURCE_API));
      } catch (Refusal e) {
        rejected.add(Rejection.of(i, "items[" + i + "]", e));
      }
    }
    return new Decoded(ok, rejected);
  }

  /**
   * Feedback carried by Segment track events. Identity, session and time come from the event; kind, score, text,
   * journey and tags from its properties ({@code kind} defaults to text when only text is given). The id derives
   * from the event's, so a retried event never adds a second answer. Rejections index the given list.
   */
  public Decoded fromSegment(List<Event> events) {
    List<Feedback> ok = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (!"track".equals(e.type()) || !SEGMENT_EVENTS.contains(e.name())) {
        continue;
      }
      try {
        ObjectNode p = properties(e.properties());
        if (!p.has("kind") && p.hasNonNull("text") && !p.hasNonNull("score")) {
          p.put("kind", "text");
        }
        p.put("id", "segment:" + e.id());
        p.put("userId", e.userId() != null ? e.userId() : e.anonymousId());
        if (e.sessionId() != null) {
          p.put("sessionId", e.sessionId());
        }
        p.put("timestamp", e.timestamp());
        ok.add(item(p, "properties", SOURCE_SEGMENT));
      } catch (Refusal x) {
        rejected.add(Rejection.of(i, "event '" + e.name() + "' (messageId " + e.id() + ")", x));
      }
    }
    return new Decoded(ok, rejected);
  }

  private static ObjectNode properties(String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      return n instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private Feedback item(JsonNode n, String scope, String source) {
    if (n == null || !n.isObject()) {
      throw Refusal.badRequest("", "each feedback item must be a JSON object");
    }
    String pre = scope == null ? "" : scope + ".";
    String kind = Wire.text(n, "kind", pre + "kind", 20);
    if (kind == null || !KINDS.contains(kind)) {
      throw Refusal.badRequest(pre + "kind", "kind is required and must be one of ces, csat, nps, text, ticket");
    }
    Double score = score(n.get("score"), kind, pre + "score");
    String text = Wire.text(n, "text", pre + "text", MAX_TEXT);
    if ((kind.equals("text") || kind.equals("ticket")) && text == null) {
      throw Refusal.badRequest(pre + "text", "text is required for kind " + kind);
    }
    String id = Wire.text(n, "id", pre + "id", MAX_ID);
    String userId = Wire.text(n, "userId", pre + "userId", MAX_REF);
    String sessionId = Wire.text(n, "sessionId", pre + "sessionId", MAX_REF);
    String journey = Wire.text(n, "journey", pre + "journey", MAX_REF);
    long ts = Wire.requiredTime(n, "timestamp", pre + "timestamp");
    String tags = tags(n.get("tags"), pre + "tags");
    if (id == null) {
      id = Wire.hashId("fb-", kind, score, text, userId, sessionId, journey, ts);
    }
    Double compound = text == null ? null : sentiment.applyAsDouble(text);
    return new Feedback(id, kind, score, text, userId, sessionId, journey, ts, compound, tags, source);
  }

  private static Double score(JsonNode n, String kind, String field) {
    int min;
    int max;
    switch (kind) {
      case "nps" -> { min = 0; max = 10; }
      case "csat" -> { min = 1; max = 5; }
      case "ces" -> { min = 1; max = 7; }
      default -> {
        if (n != null && !n.isNull()) {
          throw Refusal.badRequest(field, "score is only allowed for kinds nps, csat and ces, not " + kind);
        }
        return null;
      }
    }
    String rule = "an integer from " + min + " to " + max + " for " + kind;
    if (n == null || n.isNull()) {
      throw Refusal.badRequest(field, "score is required: " + rule);
    }
    if (!n.isNumber() || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw Refusal.badRequest(field, "score must be " + rule + "; got " + Wire.truncate(n.toString()));
    }
    double v = n.doubleValue();
    if (v < min || v > max) {
      throw Refusal.badRequest(field, "score must be " + rule + "; got " + n.asText());
    }
    return v;
  }

  static String tags(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      return "[]";
    }
    if (!n.isArray()) {
      throw Refusal.badRequest(field, field + " must be an array of strings");
    }
    if (n.size() > MAX_TAGS) {
      throw Refusal.badRequest(field, field + " holds " + n.size() + " tags; the limit is " + MAX_TAGS);
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < n.size(); i++) {
      JsonNode t = n.get(i);
      if (!t.isTextual() || t.asText().isBlank() || t.asText().length() > MAX_TAG) {
        throw Refusal.badRequest(field + "[" + i + "]", "each tag must be a non-empty string of at most " + MAX_TAG
            + " characters");
      }
      out.add(t.asText());
    }
    return out.toString();
  }
}
