package io.uxlens.store;

import io.uxlens.model.Annotation;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Idempotent inserts of the raw record tables, inside the writer's transaction: a row whose key is already stored
 * (a retried request) is skipped, and each returns how many rows were new, which also move the status counts.
 */
final class RecordInserts {
  static final String EVENTS = "events";
  static final String SPANS = "spans";
  static final String MEASUREMENTS = "measurements";
  static final String FEEDBACK = "feedback";
  static final String ANNOTATIONS = "annotations";

  private static final String INSERT_SPAN = """
      INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, service, name, kind, start_ms,
                         duration_ms, status, http_status, db_system, attributes)
      VALUES (:traceId, :spanId, :parentSpanId, :sessionId, :service, :name, :kind, :start,
              :durationMs, :status, :httpStatus, :dbSystem, :attributes)
      ON CONFLICT DO NOTHING""";
  private static final String INSERT_MEASUREMENT = """
      INSERT INTO measurements (id, session_id, name, value, unit, ts, context)
      VALUES (:id, :sessionId, :name, :value, :unit, :timestamp, :context)
      ON CONFLICT DO NOTHING""";
  private static final String INSERT_FEEDBACK = """
      INSERT INTO feedback (id, kind, score, text, user_id, session_id, journey, ts, sentiment, tags, source)
      VALUES (:id, :kind, :score, :text, :userId, :sessionId, :journey, :timestamp, :sentiment, :tags, :source)
      ON CONFLICT DO NOTHING""";
  private static final String INSERT_ANNOTATION = """
      INSERT INTO annotations (id, ts, ts_end, title, text, tags, source)
      VALUES (:id, :time, :timeEnd, :title, :text, :tags, :source)
      ON CONFLICT (id) DO NOTHING""";

  private RecordInserts() {}

  /**
   * Events are the bulk of ingest: a plain JDBC batch on the writer's connection, since Jdbi's per-argument binding
   * costs more than the insert itself at this volume.
   */
  static int events(Handle h, List<Event> offered) {
    List<Event> events = PostgresRows.newOnly(h, Partitions.Table.EVENTS, offered, Event::id, Event::timestamp);
    if (events.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = h.getConnection().prepareStatement(EventRows.INSERT)) {
      for (Event e : events) {
        EventRows.addBatch(ps, e);
      }
      int inserted = inserted(ps.executeBatch());
      RecordCounts.add(h, EVENTS, inserted);
      return inserted;
    } catch (SQLException e) {
      throw new StoreException("inserting " + events.size() + " events failed: " + e.getMessage(), e);
    }
  }

  static int spans(Handle h, List<Span> spans) {
    return insertNew(h, SPANS, INSERT_SPAN,
        PostgresRows.newOnly(h, Partitions.Table.SPANS, spans, PostgresRows::spanKey, Span::start),
        PreparedBatch::bindMethods);
  }

  static int measurements(Handle h, List<Measurement> measurements) {
    return insertNew(h, MEASUREMENTS, INSERT_MEASUREMENT, PostgresRows.newOnly(h, Partitions.Table.MEASUREMENTS,
        measurements, Measurement::id, Measurement::timestamp), PreparedBatch::bindMethods);
  }

  static int feedback(Handle h, List<Feedback> items) {
    return insertNew(h, FEEDBACK, INSERT_FEEDBACK,
        PostgresRows.newOnly(h, Partitions.Table.FEEDBACK, items, Feedback::id, Feedback::timestamp),
        PreparedBatch::bindMethods);
  }

  static int annotations(Handle h, List<Annotation> items) {
    return insertNew(h, ANNOTATIONS, INSERT_ANNOTATION, items, PreparedBatch::bindMethods);
  }

  /** Rows of one {@code INSERT ... ON CONFLICT DO NOTHING} batch that were really inserted (conflicts report 0). */
  static int inserted(int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += Math.max(c, 0);
    }
    return n;
  }

  private static <T> int insertNew(Handle h, String kind, String sql, List<T> items,
      BiConsumer<PreparedBatch, T> bind) {
    if (items.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(sql);
    for (T item : items) {
      bind.accept(batch, item);
      batch.add();
    }
    int inserted = inserted(batch.execute());
    RecordCounts.add(h, kind, inserted);
    return inserted;
  }
}
