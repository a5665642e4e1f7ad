package io.uxlens.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a stored JSON object text (event context, span attributes) into dotted keys and text values:
 * {@code {"app":{"version":"2.4.1"}}} becomes {@code app.version=2.4.1}. Arrays and deep nesting are skipped:
 * they make poor group-by keys.
 */
public final class Flatten {
  private static final int MAX_DEPTH = 4;
  /** The shared mapper's limits, refusing a repeated key so that {@link #object} can tell one. */
  private static final JsonFactory STRICT = Json.MAPPER.getFactory().copy()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Flatten() {}

  public static Map<String, String> object(String jsonText) {
    Map<String, String> out = new LinkedHashMap<>();
    if (jsonText == null || jsonText.isBlank()) {
      return out;
    }
    // read as a stream, not a tree: the sessionizer flattens two texts for every event it reads
    try (JsonParser p = STRICT.createParser(jsonText)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        walk(p, "", 0, out);
      }
    } catch (StreamReadException e) {
      // a repeated key (the last one wins in a tree, which a stream cannot tell ahead) or unreadable text
      return viaTree(jsonText);
    } catch (IOException e) {
      out.clear();
    }
    return out;
  }

  /** Fields of the object whose START_OBJECT was just read, through its END_OBJECT. */
  private static void walk(JsonParser p, String prefix, int depth, Map<String, String> out) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      JsonToken t = p.nextToken();
      switch (t) {
        case START_OBJECT -> {
          if (depth + 1 >= MAX_DEPTH) {
            p.skipChildren();
          } else {
            walk(p, key, depth + 1, out);
          }
        }
        case START_ARRAY -> p.skipChildren();
        case VALUE_STRING -> out.put(key, p.getText());
        case VALUE_TRUE -> out.put(key, "true");
        case VALUE_FALSE -> out.put(key, "false");
        case VALUE_NUMBER_INT -> out.put(key, switch (p.getNumberType()) {
          case INT -> Integer.toString(p.getIntValue());
          case LONG -> Long.toString(p.getLongValue());
          default -> p.getBigIntegerValue().toString();
        });
        // the text a parsed tree gives: a double's shortest form (1.50 reads 1.5)
        case VALUE_NUMBER_FLOAT -> out.put(key, NumberOutput.toString(p.getDoubleValue()));
        default -> { } // null
      }
    }
  }

  /** The tree walk: exact for texts with repeated keys, which streaming would read in order. */
  private static Map<String, String> viaTree(String jsonText) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      walkTree("", Json.MAPPER.readTree(jsonText), 0, out);
    } catch (JsonProcessingException e) {
      // stored texts were validated at ingest; an unreadable one contributes no keys rather than failing a query
      out.clear();
    }
    return out;
  }

  private static void walkTree(String prefix, JsonNode node, int depth, Map<String, String> out) {
    if (node == null || !node.isObject() || depth >= MAX_DEPTH) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        walkTree(key, v, depth + 1, out);
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
