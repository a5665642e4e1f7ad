package io.uxlens.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.uxlens.json.Flatten;
import io.uxlens.json.Json;
import io.uxlens.model.Annotation;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.model.JourneyEvent;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One row mapper per stored record, registered once on the store's Jdbi: queries say {@code mapTo(Span.class)}.
 * Columns are read by name (attempts and spans, read by the thousand, look their names up once per result set:
 * {@link ByPosition}). A query that skips a wide JSON column selects {@code NULL AS attributes} (or
 * {@code context}) instead, so one mapper serves the narrow reads too.
 */
final class RowMappers {
  // readers built once: resolving the type on every row was a third of mapping an attempt
  private static final ObjectReader LONGS = Json.MAPPER.readerFor(new TypeReference<List<Long>>() {});
  private static final ObjectReader STRINGS = Json.MAPPER.readerFor(new TypeReference<List<String>>() {});

  private RowMappers() {}

  static Jdbi registerAll(Jdbi jdbi) {
    return jdbi
        .registerRowMapper(Event.class, (rs, ctx) -> new Event(rs.getString("id"), rs.getString("source"),
            rs.getString("type"), rs.getString("name"), rs.getLong("ts"), rs.getLong("received_at"),
            rs.getString("user_id"), rs.getString("anonymous_id"), rs.getString("session_id"),
            rs.getString("properties"), rs.getString("context")))
        .registerRowMapper(Span.class, new ByPosition<>(SPAN_COLUMNS, RowMappers::span))
        .registerRowMapper(Measurement.class, (rs, ctx) -> new Measurement(rs.getString("id"),
            rs.getString("session_id"), rs.getString("name"), rs.getDouble("value"), rs.getString("unit"),
            rs.getLong("ts"), rs.getString("context")))
        .registerRowMapper(Feedback.class, (rs, ctx) -> new Feedback(rs.getString("id"), rs.getString("kind"),
            orNull(rs, rs.getDouble("score")), rs.getString("text"), rs.getString("user_id"),
            rs.getString("session_id"), rs.getString("journey"), rs.getLong("ts"),
            orNull(rs, rs.getDouble("sentiment")), rs.getString("tags"), rs.getString("source")))
        .registerRowMapper(Annotation.class, (rs, ctx) -> new Annotation(rs.getString("id"), rs.getLong("ts"),
            orNull(rs, rs.getLong("ts_end")), rs.getString("title"), rs.getString("text"), rs.getString("tags"),
            rs.getString("source")))
        .registerRowMapper(SpikeStore.Row.class, (rs, ctx) -> new SpikeStore.Row(rs.getString("journey"),
            rs.getLong("start_ms"), rs.getLong("end_ms"), rs.getLong("grain_ms"), rs.getDouble("peak_rate"),
            rs.getDouble("baseline_rate"), rs.getDouble("peak_z"), rs.getLong("attempts")))
        .registerRowMapper(Attempt.class, new ByPosition<>(AttemptRows.READ_COLUMNS, AttemptRows::read))
        .registerRowMapper(JourneyEvent.class, RowMappers::journeyEvent);
  }

  private static final List<String> SPAN_COLUMNS = List.of("trace_id", "span_id", "parent_span_id", "session_id",
      "service", "name", "kind", "start_ms", "duration_ms", "status", "http_status", "db_system", "attributes");

  private static Span span(ResultSet rs, int[] c) throws SQLException {
    return new Span(rs.getString(c[0]), rs.getString(c[1]), rs.getString(c[2]), rs.getString(c[3]),
        rs.getString(c[4]), rs.getString(c[5]), rs.getString(c[6]), rs.getLong(c[7]), rs.getDouble(c[8]),
        rs.getString(c[9]), orNull(rs, rs.getInt(c[10])), rs.getString(c[11]), rs.getString(c[12]));
  }

  static List<Long> longs(String json) {
    return read(json, LONGS);
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static JourneyEvent journeyEvent(ResultSet rs, StatementContext ctx) throws SQLException {
    String sessionId = rs.getString("session_id");
    String userId = rs.getString("user_id");
    Map<String, String> props = Flatten.object(rs.getString("properties"));
    Map<String, String> context = Flatten.object(rs.getString("context"));
    return new JourneyEvent(rs.getString("id"), rs.getString("name"), rs.getLong("ts"),
        JourneyEvent.sessionKey(sessionId, userId, rs.getString("anonymous_id")), sessionId,
        userId != null ? userId : rs.getString("anonymous_id"), props, ContextDimensions.of(context, props));
  }

  private static <T> T read(String text, ObjectReader reader) {
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new StoreException("corrupt JSON column: " + text, e);
    }
  }

  /** The value just read, or null when the column was SQL NULL (JDBC reads it as 0). */
  static <T> T orNull(ResultSet rs, T justRead) throws SQLException {
    return rs.wasNull() ? null : justRead;
  }
}
