package io.uxlens.store;

import io.uxlens.model.Feedback;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads of the feedback table for scores, sentiment and pain points. Ordered by time, then arrival. */
public final class FeedbackReads {
  private static final String COLUMNS =
      "id, kind, score, text, user_id, session_id, journey, ts, sentiment, tags, source";

  private final Jdbi jdbi;

  public FeedbackReads(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Feedback with fromMs <= ts < toMs. */
  public List<Feedback> between(long fromMs, long toMs) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM feedback WHERE ts >= :from AND ts < :to ORDER BY ts, seq")
        .bind("from", fromMs).bind("to", toMs).map(FeedbackReads::map).list());
  }

  /** Feedback of one journey with fromMs <= ts < toMs. */
  public List<Feedback> between(long fromMs, long toMs, String journey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
            + " FROM feedback WHERE ts >= :from AND ts < :to AND journey = :journey ORDER BY ts, seq")
        .bind("from", fromMs).bind("to", toMs).bind("journey", journey).map(FeedbackReads::map).list());
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
