package io.uxlens.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stored JSON object texts flattened to dot paths with text values ({@code {"app":{"version":"2"}}} -> app.version). */
final class FlatJson {
  private static final int MAX_DEPTH = 4;

  private FlatJson() {}

  static Map<String, String> flatten(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json == null || json.length() <= 2) {
      return out;
    }
    try {
      walk(Json.MAPPER.readTree(json), "", out, 0);
    } catch (IOException e) {
      // stored texts were validated at ingest; an unreadable one simply contributes nothing
    }
    return out;
  }

  private static void walk(JsonNode n, String prefix, Map<String, String> out, int depth) {
    if (n.isObject() && depth < MAX_DEPTH) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        walk(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out, depth + 1);
      }
    } else if (n.isValueNode() && !n.isNull() && !prefix.isEmpty()) {
      out.put(prefix, n.asText());
    }
  }
}
