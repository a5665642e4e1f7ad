package io.uxlens.store;

import io.uxlens.model.Span;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Spans table: idempotent on (trace_id, span_id), so a retried export is stored once. */
public final class SpanStore {
  public static final String KIND = "spans";
  private static final String INSERT = """
      INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, service, name, kind, start_ms,
                         duration_ms, status, http_status, db_system, attributes)
      VALUES (:traceId, :spanId, :parentSpanId, :sessionId, :service, :name, :kind, :start,
              :durationMs, :status, :httpStatus, :dbSystem, :attributes)
      ON CONFLICT (trace_id, span_id) DO NOTHING""";

  private final Jdbi jdbi;

  public SpanStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts spans, skipping ones already stored; returns how many were new. Writer thread only. */
  public static int insert(Handle h, List<Span> spans) {
    if (spans.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (Span s : spans) {
      batch.bindMethods(s).add();
    }
    int inserted = Batches.inserted(batch.execute());
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  public List<Span> bySession(String sessionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM spans WHERE session_id = :s ORDER BY start_ms, seq")
        .bind("s", sessionId).map(SpanStore::map).list());
  }

  public List<Span> byTrace(String traceId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM spans WHERE trace_id = :t ORDER BY start_ms, seq")
        .bind("t", traceId).map(SpanStore::map).list());
  }

  private static Span map(ResultSet rs, StatementContext ctx) throws SQLException {
    int http = rs.getInt("http_status");
    Integer httpStatus = rs.wasNull() ? null : http;
    return new Span(rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_span_id"),
        rs.getString("session_id"), rs.getString("service"), rs.getString("name"), rs.getString("kind"),
        rs.getLong("start_ms"), rs.getDouble("duration_ms"), rs.getString("status"), httpStatus,
        rs.getString("db_system"), rs.getString("attributes"));
  }
}
