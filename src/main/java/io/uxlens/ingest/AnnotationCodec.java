package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.uxlens.Refusal;
import io.uxlens.model.Annotation;
import java.util.ArrayList;
import java.util.List;

/** Annotations (deploys, incidents, notes): {@code {time, timeEnd?, title, text?, tags[]}}, one or an array. */
public final class AnnotationCodec {
  public static final String SOURCE_API = "api";
  public static final int MAX_ITEMS = 1_000;
  public static final int MAX_TITLE = 200;
  public static final int MAX_TEXT = 5_000;

  /** The valid annotations and the refused ones; {@code batch} is false when one object was posted. */
  public record Decoded(List<Annotation> items, List<Rejection> rejected, boolean batch) {}


  public Decoded decode(JsonNode body) {
    boolean batch = body != null && body.isArray();
    if (!batch && (body == null || !body.isObject())) {
      throw Refusal.badRequest("body", "the body must be an annotation object or an array of them");
    }
    JsonNode items = batch ? body : JsonNodeFactory.instance.arrayNode().add(body);
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw Refusal.badRequest("body", "an annotation array must hold 1 to " + MAX_ITEMS + " entries; got "
          + items.size());
    }
    List<Annotation> ok = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        ok.add(item(items.get(i)));
      } catch (Refusal e) {
        rejected.add(batch ? Rejection.of(i, "[" + i + "]", e) : new Rejection(0, e.field(), e.getMessage()));
      }
    }
    return new Decoded(ok, rejected, batch);
  }

  private static Annotation item(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw Refusal.badRequest("", "each annotation must be a JSON object");
    }
    long time = Wire.requiredTime(n, "time", "time");
    Long timeEnd = Wire.time(n.get("timeEnd"), "timeEnd");
    if (timeEnd != null && timeEnd < time) {
      throw Refusal.badRequest("timeEnd", "timeEnd must not be before time");
    }
    String title = Wire.text(n, "title", "title", MAX_TITLE);
    if (title == null) {
      throw Refusal.badRequest("title", "title is required and must be a non-empty string of at most " + MAX_TITLE
          + " characters");
    }
    String text = Wire.text(n, "text", "text", MAX_TEXT);
    String tags = FeedbackCodec.tags(n.get("tags"), "tags");
    String id = Wire.text(n, "id", "id", FeedbackCodec.MAX_ID);
    if (id == null) {
      id = Wire.hashId("an-", time, timeEnd, title, text, tags);
    }
    return new Annotation(id, time, timeEnd, title, text, tags, SOURCE_API);
  }
}
