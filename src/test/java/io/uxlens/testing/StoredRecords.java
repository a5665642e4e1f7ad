package io.uxlens.testing;

import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Tests' look-ups of what a store holds, by id, session or trace, through the row mappers the store registered:
 * the service itself never reads records this way, so these finders live with the tests.
 */
public final class StoredRecords {
  private final Jdbi jdbi;

  public StoredRecords(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<Event> event(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM events WHERE id = :id").bind("id", id)
        .mapTo(Event.class).findOne());
  }

  public List<Event> eventsOfSession(String sessionId) {
    return ofSession("events", "ts, seq", sessionId, Event.class);
  }

  public List<Span> spansOfSession(String sessionId) {
    return ofSession("spans", "start_ms, seq", sessionId, Span.class);
  }

  public List<Span> spansOfTrace(String traceId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM spans WHERE trace_id = :t ORDER BY start_ms, seq")
        .bind("t", traceId).mapTo(Span.class).list());
  }

  public List<Measurement> measurementsOfSession(String sessionId) {
    return ofSession("measurements", "ts, seq", sessionId, Measurement.class);
  }

  public Optional<Feedback> feedback(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM feedback WHERE id = :id").bind("id", id)
        .mapTo(Feedback.class).findOne());
  }

  public List<Feedback> feedbackOfSession(String sessionId) {
    return ofSession("feedback", "ts, seq", sessionId, Feedback.class);
  }

  private <T> List<T> ofSession(String table, String order, String sessionId, Class<T> type) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table + " WHERE session_id = :s ORDER BY " + order)
        .bind("s", sessionId).mapTo(type).list());
  }
}
