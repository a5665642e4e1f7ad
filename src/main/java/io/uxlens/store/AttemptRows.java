package io.uxlens.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.uxlens.json.Json;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.model.Performance;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The attempts table's insert as plain JDBC. The sessionizer writes about one attempt per four ingested events in a
 * burst, and binding 36 named parameters per row through Jdbi cost more than the insert itself.
 */
final class AttemptRows {
  private static final String FIXED = "id, journey, session_key, session_id, user_id, start_ms, end_ms, "
      + "last_event_ms, deadline_ms, outcome, last_step_index, last_step_id, time_on_task_s, error_count, "
      + "error_steps, step_times, span_count, span_total_ms, span_max_ms, db_time_ms, http_5xx, span_errors, "
      + "render_ms, lcp_ms, inp_ms, cls, memory_mb, js_errors, last_seen_ms";
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
}
