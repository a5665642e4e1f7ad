package io.uxlens.store;

import io.uxlens.model.Feedback;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Feedback table: idempotent by feedback id. */
public final class FeedbackStore {
  public static final String KIND = "feedback";
  private static final String INSERT = """
      INSERT INTO feedback (id, kind, score, text, user_id, session_id, journey, ts, sentiment, tags, source)
      VALUES (:id, :kind, :score, :text, :userId, :sessionId, :journey, :timestamp, :sentiment, :tags, :source)
      ON CONFLICT (id) DO NOTHING""";

  private final Jdbi jdbi;

  public FeedbackStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts feedback, skipping ids already stored; returns how many were new. Writer thread only. */
  public static int insert(Handle h, List<Feedback> items) {
    if (items.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (Feedback f : items) {
      batch.bindMethods(f).add();
    }
    int inserted = Batches.inserted(batch.execute());
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  public Optional<Feedback> byId(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM feedback WHERE id = :id")
        .bind("id", id).map(FeedbackStore::map).findOne());
  }

  public List<Feedback> bySession(String sessionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM feedback WHERE session_id = :s ORDER BY ts, seq")
        .bind("s", sessionId).map(FeedbackStore::map).list());
  }

  private static Feedback map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Feedback(rs.getString("id"), rs.getString("kind"), nullableDouble(rs, "score"),
        rs.getString("text"), rs.getString("user_id"), rs.getString("session_id"), rs.getString("journey"),
        rs.getLong("ts"), nullableDouble(rs, "sentiment"), rs.getString("tags"), rs.getString("source"));
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
