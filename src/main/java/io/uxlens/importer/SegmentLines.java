package io.uxlens.importer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Segment archive lines (the S3 destination and warehouse exports: one message per line) as import messages.
 * A streaming copy, not a tree, because this is the hot path of a large import. Two changes are made:
 * <ul>
 *   <li>The archived {@code timestamp} is the event time Segment already corrected for clock skew. The live
 *   correction ({@code receivedAt - (sentAt - originalTimestamp)}) would use the import time as receivedAt and move
 *   history to today, so {@code sentAt} and {@code originalTimestamp} are dropped; without a {@code timestamp}, the
 *   archived {@code receivedAt} is used for the same correction here.</li>
 *   <li>A message without {@code messageId} gets a stable one from its content, so a re-run counts it once.</li>
 * </ul>
 */
final class SegmentLines implements RowMapper {
  static final String ID_PREFIX = "import-";

  @Override
  public Mapped map(Row row) throws RowProblem {
    String line = row.text();
    if (line.length() > Format.SEGMENT_EVENT_BYTES / 4
        && line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Format.SEGMENT_EVENT_BYTES) {
      int size = line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      throw new RowProblem("event", "event is " + size + " bytes; the limit is 32 KB per event");
    }
    StringWriter out = new StringWriter(line.length() + 64);
    try (JsonParser p = Jsons.FACTORY.createParser(line); JsonGenerator g = Jsons.FACTORY.createGenerator(out)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new RowProblem("body", "each line must be a JSON object (one Segment message)");
      }
      g.writeStartObject();
      boolean hasId = false;
      String timestamp = null;
      String original = null;
      String sentAt = null;
      String receivedAt = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "sentAt", "originalTimestamp" -> {
            String s = value == JsonToken.VALUE_STRING ? p.getText() : null;
            if (name.equals("sentAt")) {
              sentAt = s;
            } else {
              original = s;
            }
            p.skipChildren();
            continue;
          }
          case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "receivedAt" -> receivedAt = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "messageId" -> hasId = value != JsonToken.VALUE_NULL;
          default -> { }
        }
        g.writeFieldName(name);
        g.copyCurrentStructure(p);
      }
      if (p.nextToken() != null) {
        throw new RowProblem("body", "invalid JSON: more than one value on the line");
      }
      if (timestamp == null && original != null) {
        g.writeStringField("timestamp", corrected(original, sentAt, receivedAt));
      }
      if (!hasId) {
        g.writeStringField("messageId", Jsons.hashId(ID_PREFIX, line.strip()));
      }
      g.writeEndObject();
    } catch (JsonProcessingException e) {
      throw JsonLines.invalid(e);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return new Mapped(out.toString(), 1);
  }

  /** Segment's clock-skew correction with the archived receivedAt; the original time when it cannot be applied. */
  private static String corrected(String original, String sentAt, String receivedAt) {
    try {
      if (sentAt == null || receivedAt == null) {
        return original;
      }
      long t = instant(receivedAt) - (instant(sentAt) - instant(original));
      return Instant.ofEpochMilli(t).toString();
    } catch (DateTimeParseException e) {
      return original; // the server words the refusal of a bad originalTimestamp
    }
  }

  private static long instant(String s) {
    return OffsetDateTime.parse(s).toInstant().toEpochMilli();
  }
}
