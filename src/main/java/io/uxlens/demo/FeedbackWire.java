package io.uxlens.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import java.util.List;

/** Feedback items for {@code POST /api/v1/feedback} and annotations for {@code POST /api/v1/annotations}. */
final class FeedbackWire {
  private FeedbackWire() {}

  static byte[] feedback(List<DemoRecord.FeedbackItem> items) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode arr = body.putArray("items");
    for (DemoRecord.FeedbackItem f : items) {
      ObjectNode o = arr.addObject();
      o.put("id", f.id());
      o.put("kind", f.kind());
      if (f.score() != null) {
        o.put("score", f.score());
      }
      if (f.text() != null) {
        o.put("text", f.text());
      }
      o.put("userId", f.userId());
      o.put("sessionId", f.sessionId());
      o.put("journey", f.journey());
      o.put("timestamp", f.time());
      f.tags().forEach(o.putArray("tags")::add);
    }
    return SegmentWire.bytes(body);
  }

  static byte[] annotations(List<DemoRecord.Note> notes) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    for (DemoRecord.Note n : notes) {
      ObjectNode o = arr.addObject();
      o.put("id", n.id());
      o.put("time", n.time());
      if (n.timeEnd() != null) {
        o.put("timeEnd", n.timeEnd());
      }
      o.put("title", n.title());
      if (n.text() != null) {
        o.put("text", n.text());
      }
      n.tags().forEach(o.putArray("tags")::add);
    }
    return SegmentWire.bytes(arr);
  }
}
