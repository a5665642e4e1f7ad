package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/** Small helpers the JSON codecs share: deterministic ids, times, bounded strings. */
final class Wire {
  /** Epoch ms before 2000 or after 2100 is almost certainly seconds or nanoseconds sent by mistake. */
  static final long MIN_EPOCH_MS = 946_684_800_000L;
  static final long MAX_EPOCH_MS = 4_102_444_800_000L;

  private Wire() {}

  /** A stable id from the parts that make a record what it is, so a retried upload maps to the same row. */
  static String hashId(String prefix, Object... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Object p : parts) {
        sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1f);
      }
      return prefix + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** An ISO-8601 date-time with offset, or epoch milliseconds; null when absent. */
  static Long time(JsonNode n, String field) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    long ms;
    if (n.isIntegralNumber()) {
      ms = n.asLong();
    } else if (n.isTextual()) {
      ms = isoTime(n.asText(), field);
    } else {
      throw Refusal.badRequest(field, field + " must be an ISO-8601 date-time string or epoch milliseconds");
    }
    if (ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) {
      throw Refusal.badRequest(field, field + " must be between 2000-01-01 and 2100-01-01 (epoch milliseconds or "
          + "ISO-8601); got " + truncate(n.asText()));
    }
    return ms;
  }

  static long requiredTime(JsonNode parent, String name, String field) {
    Long t = time(parent.get(name), field);
    if (t == null) {
      throw Refusal.badRequest(field, field + " is required (ISO-8601 date-time or epoch milliseconds)");
    }
    return t;
  }

  /** An ISO-8601 date-time with an offset (or an instant), as epoch ms; anything else is refused naming the field. */
  static long isoTime(String s, String field) {
    long fast = IsoInstant.epochMillis(s);
    if (fast != IsoInstant.NOT_PLAIN) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw Refusal.badRequest(field, field + " must be an ISO-8601 date-time with an offset, e.g. "
            + "2026-05-01T10:00:00Z; got '" + truncate(s) + "'");
      }
    }
  }

  /** An optional string of at most {@code max} characters; numbers are accepted for ids. */
  static String text(JsonNode parent, String name, String field, int max) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() && !n.isIntegralNumber()) {
      throw Refusal.badRequest(field, field + " must be a string");
    }
    String s = n.asText();
    if (s.codePointCount(0, s.length()) > max) {
      throw Refusal.badRequest(field, field + " must be at most " + max + " characters; got "
          + s.codePointCount(0, s.length()));
    }
    return s.isBlank() ? null : s;
  }

  static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
