package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;

/** What an input file holds, where its records go and how many fit in one request (the server's limits). */
enum Format {
  SEGMENT("segment", "/v1/batch", 2_500, 500 * 1024, "ndjson"),
  MIXPANEL("mixpanel", "/v1/batch", 2_500, 500 * 1024, "ndjson"),
  AMPLITUDE("amplitude", "/v1/batch", 2_500, 500 * 1024, "ndjson"),
  OTLP("otlp", "/v1/traces", 1, 8 * 1024 * 1024, "jsonl"),
  FEEDBACK_CSV("feedback-csv", "/api/v1/feedback", 1_000, 1024 * 1024, "csv");

  /** Segment's per-event limit: a bigger line is refused before sending, in the server's words. */
  static final int SEGMENT_EVENT_BYTES = 32 * 1024;

  final String cliName;
  final String path;
  final int maxItems;
  final int maxBodyBytes;
  final String rejectsExtension;

  Format(String cliName, String path, int maxItems, int maxBodyBytes, String rejectsExtension) {
    this.cliName = cliName;
    this.path = path;
    this.maxItems = maxItems;
    this.maxBodyBytes = maxBodyBytes;
    this.rejectsExtension = rejectsExtension;
  }

  static Format byName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new UsageException("--format must be one of " + names() + "; got '" + name + "'"));
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(f -> f.cliName).toList());
  }

  /**
   * Recognises a format from the first non-blank line: JSON objects by their characteristic fields, anything else
   * as a CSV header. Returns null when a JSON line matches none of the JSON formats.
   */
  static Format detect(String firstLine) {
    String t = firstLine.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1);
    }
    if (!t.startsWith("{")) {
      return FEEDBACK_CSV;
    }
    JsonNode n;
    try {
      n = Jsons.MAPPER.readTree(t);
    } catch (Exception e) {
      return null;
    }
    if (n.has("resourceSpans")) {
      return OTLP;
    }
    if (n.has("event_type")) {
      return AMPLITUDE;
    }
    JsonNode props = n.get("properties");
    if (n.has("event") && !n.has("type") && props != null && props.isObject()
        && (props.has("distinct_id") || props.has("time") || props.has("$insert_id"))) {
      return MIXPANEL;
    }
    if (n.has("type") || n.has("messageId") || n.has("userId") || n.has("anonymousId")) {
      return SEGMENT;
    }
    return null;
  }
}
