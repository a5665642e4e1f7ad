package io.uxlens.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * Tracks as a Segment {@code /v1/batch} body (docs/CONTRACTS.md "Segment tracking API"); the session id travels in
 * properties.
 */
final class SegmentWire {
  private SegmentWire() {}

  static byte[] batch(List<DemoRecord.Track> tracks) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode batch = body.putArray("batch");
    for (DemoRecord.Track t : tracks) {
      ObjectNode e = batch.addObject();
      e.put("type", "track");
      e.put("messageId", t.messageId());
      e.put("userId", t.userId());
      e.put("event", t.name());
      e.set("properties", Json.MAPPER.valueToTree(t.properties()));
      e.set("context", context(t.client()));
      e.put("timestamp", Instant.ofEpochMilli(t.time()).toString());
    }
    return bytes(body);
  }

  static ObjectNode context(DemoRecord.Client c) {
    ObjectNode ctx = Json.MAPPER.createObjectNode();
    ctx.putObject("app").put("name", "UX Lens demo shop").put("version", c.appVersion());
    ctx.putObject("device").put("type", c.device());
    if (c.os() != null) {
      ctx.putObject("os").put("name", c.os());
    }
    if (c.country() != null) {
      ctx.putObject("location").put("country", c.country());
    }
    if (c.locale() != null) {
      ctx.put("locale", c.locale());
    }
    if (c.userAgent() != null) {
      ctx.put("userAgent", c.userAgent());
    }
    ctx.putObject("library").put("name", "uxlens-demo");
    return ctx;
  }

  static byte[] bytes(Object tree) {
    try {
      return Json.MAPPER.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a demo payload", e);
    }
  }

}
