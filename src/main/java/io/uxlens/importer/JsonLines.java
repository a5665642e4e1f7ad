package io.uxlens.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers the tree-based mappers (Mixpanel, Amplitude, OTLP) share: parsing a line, building nested fields. */
final class JsonLines {
  private JsonLines() {}

  /** The line as a JSON object, or the parser's reason in the server's words. */
  static ObjectNode object(String line, String what) throws RowProblem {
    JsonNode n;
    try {
      n = Jsons.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
    if (!(n instanceof ObjectNode o)) {
      throw new RowProblem("body", "each line must be a JSON object (" + what + ")");
    }
    return o;
  }

  /** A parser failure in the server's words: {@code invalid JSON at column N: reason} (first line of it). */
  static RowProblem invalid(JsonProcessingException e) {
    String reason = String.valueOf(e.getOriginalMessage());
    int nl = reason.indexOf('\n');
    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    return new RowProblem("body", "invalid JSON" + where + ": " + (nl < 0 ? reason : reason.substring(0, nl)));
  }

  /** Sets {@code value} at a dot path below {@code root}, creating objects on the way; null or blank is skipped. */
  static void put(ObjectNode root, String dotPath, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode() || value.isTextual() && value.asText().isBlank()) {
      return;
    }
    String[] parts = dotPath.split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
    }
    at.set(parts[parts.length - 1], value);
  }

  /** A text or integer field as a string, or null. */
  static String text(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull() || !(n.isTextual() || n.isIntegralNumber())) {
      return null;
    }
    String s = n.asText();
    return s.isBlank() ? null : s;
  }
}
