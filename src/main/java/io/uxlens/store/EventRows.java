package io.uxlens.store;

import io.uxlens.model.Event;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The events table's insert as plain JDBC: the statement and how an event fills it. Shared by the writer's inserts
 * and by the benchmark that measures the SQLite limit with the same rows.
 */
public final class EventRows {
  /**
   * Idempotent on the event id: a retried request inserts nothing. No conflict target, since PostgreSQL's
   * partitioned table keys on (id, ts): there the writer drops known ids first ({@link PostgresRows}).
   */
  public static final String INSERT = """
      INSERT INTO events (id, source, type, name, ts, received_at, user_id, anonymous_id, session_id,
                          properties, context)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  private EventRows() {}

  /** Binds one event's columns and adds it to the statement's batch. */
  public static void addBatch(PreparedStatement ps, Event e) throws SQLException {
    ps.setString(1, e.id());
    ps.setString(2, e.source());
    ps.setString(3, e.type());
    ps.setString(4, e.name());
    ps.setLong(5, e.timestamp());
    ps.setLong(6, e.receivedAt());
    ps.setString(7, e.userId());
    ps.setString(8, e.anonymousId());
    ps.setString(9, e.sessionId());
    ps.setString(10, e.properties());
    ps.setString(11, e.context());
    ps.addBatch();
  }
}
