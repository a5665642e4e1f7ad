package io.uxlens.store;

import io.uxlens.model.Annotation;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
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

  private static final String INSERT_EVENT = """
      INSERT INTO events (id, source, type, name, ts, received_at, user_id, anonymous_id, session_id,
                          properties, context)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING""";
  private static final String INSERT_SPAN = """
      INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, service, name, kind, start_ms,
                         duration_ms, status, http_status, db_system, attributes)
      VALUES (:traceId, :spanId, :parentSpanId, :sessionId, :service, :name, :kind, :start,
              :durationMs, :status, :httpStatus, :dbSystem, :attributes)
      ON CONFLICT (trace_id, span_id) DO NOTHING""";
  private static final String INSERT_MEASUREMENT = """
      INSERT INTO measurements (id, session_id, name, value, unit, ts, context)
      VALUES (:id, :sessionId, :name, :value, :unit, :timestamp, :context)
      ON CONFLICT (id) DO NOTHING""";
  private static final String INSERT_FEEDBACK = """
      INSERT INTO feedback (id, kind, score, text, user_id, session_id, journey, ts, sentiment, tags, source)
      VALUES (:id, :kind, :score, :text, :userId, :sessionId, :journey, :timestamp, :sentiment, :tags, :source)
      ON CONFLICT (id) DO NOTHING""";
  private static final String INSERT_ANNOTATION = """
      INSERT INTO annotations (id, ts, ts_end, title, text, tags, source)
      VALUES (:id, :time, :timeEnd, :title, :text, :tags, :source)
      ON CONFLICT (id) DO NOTHING""";

  private RecordInserts() {}

  static int events(Handle h, List<Event> events) {
    // positional binds: reflection per row (bindMethods) costs more than the insert itself
    return insertNew(h, EVENTS, INSERT_EVENT, events, (b, e) -> b.bind(0, e.id()).bind(1, e.source())
        .bind(2, e.type()).bind(3, e.name()).bind(4, e.timestamp()).bind(5, e.receivedAt()).bind(6, e.userId())
        .bind(7, e.anonymousId()).bind(8, e.sessionId()).bind(9, e.properties()).bind(10, e.context()));
  }

  static int spans(Handle h, List<Span> spans) {
    return insertNew(h, SPANS, INSERT_SPAN, spans, PreparedBatch::bindMethods);
  }

  static int measurements(Handle h, List<Measurement> measurements) {
    return insertNew(h, MEASUREMENTS, INSERT_MEASUREMENT, measurements, PreparedBatch::bindMethods);
  }

  static int feedback(Handle h, List<Feedback> items) {
    return insertNew(h, FEEDBACK, INSERT_FEEDBACK, items, PreparedBatch::bindMethods);
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
