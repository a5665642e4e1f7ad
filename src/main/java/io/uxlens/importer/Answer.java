package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server (or the dry-run check) said about one request: units stored, units it already had, and the
 * records it refused, by their index in the request, with the field and rule in the server's words.
 */
record Answer(int accepted, int duplicates, List<Refusal> refusals) {
  /** One refused record; {@code units} is how many spans of an OTLP line were refused (1 otherwise). */
  record Refusal(int index, String field, String error, int units) {}

  private static final Pattern ITEM_PREFIX = Pattern.compile("^(batch|items)\\[\\d+]\\.?");
  private static final Pattern OTLP_REASON =
      Pattern.compile("(resourceSpans\\[\\d+]\\.scopeSpans\\[\\d+]\\.spans\\[\\d+]\\.\\w+): (.*?)(?=; resourceSpans\\[|; \\.\\.\\.$|$)");

  int refusedUnits() {
    return refusals.stream().mapToInt(Refusal::units).sum();
  }

  /** A Segment batch or feedback answer: {@code {"accepted":N,"duplicates":D,"rejected":[{index,field,error}]}}. */
  static Answer fromItems(JsonNode body) {
    List<Refusal> refused = new ArrayList<>();
    for (JsonNode r : body.path("rejected")) {
      refused.add(new Refusal(r.path("index").asInt(), itemField(r.path("field").asText("")),
          r.path("error").asText(""), 1));
    }
    return new Answer(body.path("accepted").asInt(), body.path("duplicates").asInt(), refused);
  }

  /** The field inside one item: {@code batch[3].userId} is {@code userId}; the item itself is {@code event}. */
  static String itemField(String field) {
    String inner = ITEM_PREFIX.matcher(field).replaceFirst("");
    return inner.isEmpty() ? "event" : inner;
  }

  /**
   * An OTLP answer for one export of {@code spans} spans: {@code {}} or {@code {"partialSuccess":{"rejectedSpans":N,
   * "errorMessage":...}}}. OTLP does not tell new spans from ones already stored, so all kept spans count as
   * accepted.
   */
  static Answer fromOtlp(int spans, int rejectedSpans, String errorMessage) {
    if (rejectedSpans == 0) {
      return new Answer(spans, 0, List.of());
    }
    List<Refusal> refused = new ArrayList<>();
    Matcher m = OTLP_REASON.matcher(errorMessage == null ? "" : errorMessage);
    while (m.find()) {
      refused.add(new Refusal(0, m.group(1), m.group(2), 0));
    }
    if (refused.isEmpty()) {
      refused.add(new Refusal(0, "spans", errorMessage, 0));
    }
    Refusal first = refused.get(0);
    refused.set(0, new Refusal(0, first.field(), first.error(), rejectedSpans));
    return new Answer(spans - rejectedSpans, 0, refused);
  }
}
