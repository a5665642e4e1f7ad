package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.uxlens.json.Json;
import io.uxlens.model.Annotation;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks personal data in records before they are stored ({@code uxlens serve --mask-pii}). Free text (event and span
 * names, feedback and annotation text, every string inside properties, context, attributes and tags) goes through
 * the text mask, which replaces e-mail addresses, phone and card-like numbers. JSON numbers that look like a card
 * (15 to 19 digits passing the Luhn check) become the card mask. Identifiers (user, anonymous and session ids, record
 * ids) cannot be masked without merging every user into one, so an identifier the mask would change is replaced by a
 * stable pseudonym: the same input always gives the same pseudonym, sessions and retries still line up.
 */
public final class PiiMask {
  /** Prefix of pseudonymised identifiers, followed by 20 hex digits of the value's SHA-256. */
  public static final String PSEUDONYM_PREFIX = "pii-";
  public static final String CARD_NUMBER_MASK = "****-****-****-****";

  private final UnaryOperator<String> text;

  /** @param text masks personal data in free text (the server passes the feedback package's TextMask). */
  public PiiMask(UnaryOperator<String> text) {
    this.text = text;
  }

  public List<Event> events(List<Event> in) {
    return in.stream().map(e -> new Event(id(e.id()), e.source(), e.type(), text(e.name()), e.timestamp(),
        e.receivedAt(), id(e.userId()), id(e.anonymousId()), id(e.sessionId()), json(e.properties()),
        json(e.context()))).toList();
  }

  public List<Span> spans(List<Span> in) {
    return in.stream().map(s -> new Span(s.traceId(), s.spanId(), s.parentSpanId(), id(s.sessionId()), s.service(),
        text(s.name()), s.kind(), s.start(), s.durationMs(), s.status(), s.httpStatus(), s.dbSystem(),
        json(s.attributes()))).toList();
  }

  public List<Measurement> measurements(List<Measurement> in) {
    return in.stream().map(m -> new Measurement(id(m.id()), id(m.sessionId()), text(m.name()), m.value(), m.unit(),
        m.timestamp(), json(m.context()))).toList();
  }

  public List<Feedback> feedback(List<Feedback> in) {
    return in.stream().map(f -> new Feedback(id(f.id()), f.kind(), f.score(), text(f.text()), id(f.userId()),
        id(f.sessionId()), f.journey(), f.timestamp(), f.sentiment(), json(f.tags()), f.source())).toList();
  }

  public List<Annotation> annotations(List<Annotation> in) {
    return in.stream().map(a -> new Annotation(id(a.id()), a.time(), a.timeEnd(), text(a.title()), text(a.text()),
        json(a.tags()), a.source())).toList();
  }

  public List<Exposure> exposures(List<Exposure> in) {
    return in.stream().map(x -> new Exposure(x.experiment(), x.variant(), id(x.unitId()), id(x.sessionId()),
        x.timestamp())).toList();
  }

  /** Free text with personal data masked; null stays null. */
  public String text(String value) {
    return value == null ? null : text.apply(value);
  }

  /** The identifier itself when it holds no personal data, else its pseudonym. */
  public String id(String value) {
    if (value == null || text.apply(value).equals(value)) {
      return value;
    }
    return pseudonym(value);
  }

  static String pseudonym(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return PSEUDONYM_PREFIX + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** A JSON text with every string value (and object key) masked and card-like numbers replaced. */
  public String json(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(value);
    } catch (java.io.IOException e) {
      return text(value); // not JSON after all: mask it as text rather than store it unmasked
    }
    return Json.write(walk(tree));
  }

  private JsonNode walk(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        out.set(text(f.getKey()), walk(f.getValue()));
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      a.forEach(v -> out.add(walk(v)));
      return out;
    }
    if (node.isTextual()) {
      String masked = text(node.asText());
      return masked.equals(node.asText()) ? node : TextNode.valueOf(masked);
    }
    if (node.isIntegralNumber() && cardLike(node.bigIntegerValue().abs().toString())) {
      return TextNode.valueOf(CARD_NUMBER_MASK);
    }
    return node;
  }

  /** 15 to 19 digits passing the Luhn check: how payment card numbers are built. */
  static boolean cardLike(String digits) {
    if (digits.length() < 15 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        d = d > 9 ? d - 9 : d;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }
}
