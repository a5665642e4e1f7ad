package io.uxlens.store;

import io.uxlens.model.Event;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Events table: idempotent inserts keyed by event id (Segment messageId), and the reads status needs. */
public final class EventStore {
  public static final String KIND = "events";
  private static final String INSERT = """
      INSERT INTO events (id, source, type, name, ts, received_at, user_id, anonymous_id, session_id,
                          properties, context)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING""";

  private final Jdbi jdbi;

  public EventStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts events, skipping ids already stored (retries); returns how many were new. Writer thread only. */
  public static int insert(Handle h, List<Event> events) {
    if (events.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (Event e : events) {
      // positional binds: reflection per row (bindMethods) costs more than the insert itself
      batch.bind(0, e.id()).bind(1, e.source()).bind(2, e.type()).bind(3, e.name()).bind(4, e.timestamp())
          .bind(5, e.receivedAt()).bind(6, e.userId()).bind(7, e.anonymousId()).bind(8, e.sessionId())
          .bind(9, e.properties()).bind(10, e.context()).add();
    }
    int inserted = 0;
    for (int n : batch.execute()) {
      inserted += Math.max(n, 0);
    }
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  public Optional<Long> newestEventTime() {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(ts) FROM events")
        .mapTo(Long.class).findOne());
  }

  public Optional<Event> byId(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM events WHERE id = :id")
        .bind("id", id).map(EventStore::map).findOne());
  }

  public List<Event> bySession(String sessionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM events WHERE session_id = :s ORDER BY ts, seq")
        .bind("s", sessionId).map(EventStore::map).list());
  }

  private static Event map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Event(rs.getString("id"), rs.getString("source"), rs.getString("type"), rs.getString("name"),
        rs.getLong("ts"), rs.getLong("received_at"), rs.getString("user_id"), rs.getString("anonymous_id"),
        rs.getString("session_id"), rs.getString("properties"), rs.getString("context"));
  }
}
