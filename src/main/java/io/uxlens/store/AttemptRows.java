package io.uxlens.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.uxlens.json.Json;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attempts table's rows as plain JDBC: the insert, and how a row is read back. The sessionizer writes about one
 * attempt per four ingested events in a burst, and binding 36 named parameters per row through Jdbi cost more than
 * the insert itself; the bottleneck tables read attempts by the thousand.
 */
final class AttemptRows {
  private static final String FIXED = "id, journey, session_key, session_id, user_id, start_ms, end_ms, "
      + "last_event_ms, deadline_ms, outcome, last_step_index, last_step_id, time_on_task_s, error_count, "
      + "error_steps, step_times, span_count, span_total_ms, span_max_ms, db_time_ms, http_5xx, span_errors, "
      + "render_ms, lcp_ms, inp_ms, cls, memory_mb, js_errors, last_seen_ms, window_spans";
  /** Counted from the list, so a column added to it cannot leave the placeholders or the context binds behind. */
  private static final int FIXED_COUNT = FIXED.split(",").length;
  static final String INSERT = "INSERT INTO journey_attempts (" + FIXED + ", "
      + String.join(", ", ContextDimensions.KEYS) + ") VALUES ("
      + "?, ".repeat(FIXED_COUNT + ContextDimensions.KEYS.size() - 1) + "?)";

  private AttemptRows() {}

  /** Binds one attempt's columns and adds it to the statement's batch. */
  static void addBatch(PreparedStatement ps, Attempt a) throws SQLException {
    Performance p = a.performance();
    ps.setString(1, a.id());
    ps.setString(2, a.journey());
    ps.setString(3, a.sessionKey());
    ps.setString(4, a.sessionId());
    ps.setString(5, a.userId());
    ps.setLong(6, a.start());
    setLong(ps, 7, a.end());
    ps.setLong(8, a.lastEvent());
    setLong(ps, 9, a.deadline());
    ps.setString(10, a.outcome().code());
    ps.setInt(11, a.lastStepIndex());
    ps.setString(12, a.lastStepId());
    setDouble(ps, 13, a.timeOnTaskSeconds());
    ps.setInt(14, a.errorCount());
    ps.setString(15, json(a.errorSteps()));
    ps.setString(16, json(a.stepTimes()));
    ps.setInt(17, p.spanCount());
    ps.setDouble(18, p.spanTotalMs());
    ps.setDouble(19, p.spanMaxMs());
    ps.setDouble(20, p.dbTimeMs());
    ps.setInt(21, p.http5xx());
    ps.setInt(22, p.spanErrors());
    setDouble(ps, 23, p.renderMs());
    setDouble(ps, 24, p.lcpMs());
    setDouble(ps, 25, p.inpMs());
    setDouble(ps, 26, p.cls());
    setDouble(ps, 27, p.memoryMb());
    ps.setInt(28, p.jsErrors());
    setLong(ps, 29, a.lastSeen());
    if (a.windowSpans() == null) {
      ps.setNull(30, Types.BINARY);
    } else {
      ps.setBytes(30, WindowSpansCodec.encode(a.windowSpans(), a.start()));
    }
    int i = FIXED_COUNT + 1;
    for (String key : ContextDimensions.KEYS) {
      ps.setString(i++, a.context().get(key));
    }
    ps.addBatch();
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  static String json(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + o, e);
    }
  }

  private static final List<String> READ_FIXED = List.of("id", "journey", "session_key", "session_id", "user_id",
      "start_ms", "end_ms", "last_event_ms", "deadline_ms", "outcome", "last_step_index", "last_step_id",
      "step_times", "error_count", "error_steps", "span_count", "span_total_ms", "span_max_ms", "db_time_ms",
      "http_5xx", "span_errors", "render_ms", "lcp_ms", "inp_ms", "cls", "memory_mb", "js_errors", "last_seen_ms",
      "window_spans");
  /**
   * The columns {@link #read} takes (for {@link ByPosition}): the fixed ones, then the context dimensions. Read by
   * name, so any query selecting them (the narrow ones with NULL in place of some) can be mapped.
   */
  static final List<String> READ_COLUMNS = java.util.stream.Stream.concat(READ_FIXED.stream(),
      ContextDimensions.KEYS.stream()).toList();

  /** One attempt row, its {@link #READ_COLUMNS} at positions {@code c}. */
  static Attempt read(ResultSet rs, int[] c) throws SQLException {
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 0; i < ContextDimensions.KEYS.size(); i++) {
      String v = rs.getString(c[READ_FIXED.size() + i]);
      if (v != null) {
        context.put(ContextDimensions.KEYS.get(i), v);
      }
    }
    Performance p = new Performance(rs.getInt(c[15]), rs.getDouble(c[16]), rs.getDouble(c[17]),
        rs.getDouble(c[18]), rs.getInt(c[19]), rs.getInt(c[20]), RowMappers.orNull(rs, rs.getDouble(c[21])),
        RowMappers.orNull(rs, rs.getDouble(c[22])), RowMappers.orNull(rs, rs.getDouble(c[23])),
        RowMappers.orNull(rs, rs.getDouble(c[24])), RowMappers.orNull(rs, rs.getDouble(c[25])), rs.getInt(c[26]));
    return new Attempt(rs.getString(c[0]), rs.getString(c[1]), rs.getString(c[2]), rs.getString(c[3]),
        rs.getString(c[4]), rs.getLong(c[5]), RowMappers.orNull(rs, rs.getLong(c[6])), rs.getLong(c[7]),
        RowMappers.orNull(rs, rs.getLong(c[8])), Outcome.ofCode(rs.getString(c[9])), rs.getInt(c[10]),
        rs.getString(c[11]), RowMappers.longs(rs.getString(c[12])), rs.getInt(c[13]),
        RowMappers.strings(rs.getString(c[14])), context, p, RowMappers.orNull(rs, rs.getLong(c[27])),
        WindowSpansCodec.decode(rs.getBytes(c[28]), rs.getString(c[3]), rs.getLong(c[5])));
  }
}
