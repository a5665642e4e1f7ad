package io.uxlens.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a stored JSON object text (event context, span attributes) into dotted keys and text values:
 * {@code {"app":{"version":"2.4.1"}}} becomes {@code app.version=2.4.1}. Arrays and deep nesting are skipped:
 * they make poor group-by keys.
 */
public final class Flatten {
  private static final int MAX_DEPTH = 4;

  private Flatten() {}

  public static Map<String, String> object(String jsonText) {
    Map<String, String> out = new LinkedHashMap<>();
    if (jsonText == null || jsonText.isBlank()) {
      return out;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(jsonText);
      walk("", root, 0, out);
    } catch (JsonProcessingException e) {
      // stored texts were validated at ingest; an unreadable one contributes no keys rather than failing a query
    }
    return out;
  }

  private static void walk(String prefix, JsonNode node, int depth, Map<String, String> out) {
    if (node == null || !node.isObject() || depth >= MAX_DEPTH) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        walk(key, v, depth + 1, out);
      } else if (v.isValueNode() && !v.isNull()) {
        out.put(key, v.asText());
      }
    }
  }

  /** A stored JSON array text of strings (annotation tags) as a list; anything else gives an empty list. */
  public static java.util.List<String> strings(String jsonText) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (jsonText == null || jsonText.isBlank()) {
      return out;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(jsonText);
      if (root.isArray()) {
        root.forEach(n -> {
          if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
          }
        });
      }
    } catch (JsonProcessingException e) {
      // unreadable tags show as none rather than failing the dashboard
    }
    return out;
  }
}
