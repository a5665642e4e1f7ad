package io.uxlens.store;

import io.uxlens.model.Feedback;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

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
        .bind("from", fromMs).bind("to", toMs).mapTo(Feedback.class).list());
  }

  /** Feedback of one journey with fromMs <= ts < toMs. */
  public List<Feedback> between(long fromMs, long toMs, String journey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
            + " FROM feedback WHERE ts >= :from AND ts < :to AND journey = :journey ORDER BY ts, seq")
        .bind("from", fromMs).bind("to", toMs).bind("journey", journey).mapTo(Feedback.class).list());
  }

  /**
   * Feedback with text and fromMs <= ts < toMs, of one journey (null: any), in time order, that may be a complaint:
   * stored without a sentiment (scored later), with a sentiment under {@code negativeBelow}, of one of
   * {@code alwaysKinds}, or with a score at most its kind's limit in {@code lowScores}. A pre-filter that saves
   * reading the rest: the caller's own rule decides.
   */
  public List<Feedback> mayComplainBetween(long fromMs, long toMs, String journey, double negativeBelow,
                                           Set<String> alwaysKinds, Map<String, Double> lowScores) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM feedback WHERE ts >= :from AND ts < :to"
        + " AND text IS NOT NULL AND text <> ''" + (journey == null ? "" : " AND journey = :journey")
        + " AND (sentiment IS NULL OR sentiment < :negative");
    List<String> always = List.copyOf(alwaysKinds);
    for (int i = 0; i < always.size(); i++) {
      sql.append(" OR kind = :always").append(i);
    }
    List<Map.Entry<String, Double>> low = List.copyOf(lowScores.entrySet());
    for (int i = 0; i < low.size(); i++) {
      sql.append(" OR (kind = :lowKind").append(i).append(" AND score <= :lowScore").append(i).append(')');
    }
    sql.append(") ORDER BY ts, seq");
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql.toString()).bind("from", fromMs).bind("to", toMs).bind("negative", negativeBelow);
      if (journey != null) {
        q.bind("journey", journey);
      }
      for (int i = 0; i < always.size(); i++) {
        q.bind("always" + i, always.get(i));
      }
      for (int i = 0; i < low.size(); i++) {
        q.bind("lowKind" + i, low.get(i).getKey()).bind("lowScore" + i, low.get(i).getValue());
      }
      return q.mapTo(Feedback.class).list();
    });
  }

  /**
   * Feedback with text and fromMs <= ts < toMs, of one journey (null: any), newest first, at most {@code limit}
   * items.
   */
  public List<Feedback> withTextNewestFirst(long fromMs, long toMs, String journey, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM feedback WHERE ts >= :from AND ts < :to"
        + " AND text IS NOT NULL AND text <> ''" + (journey == null ? "" : " AND journey = :journey")
        + " ORDER BY ts DESC, seq DESC LIMIT :limit";
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql).bind("from", fromMs).bind("to", toMs).bind("limit", limit);
      if (journey != null) {
        q.bind("journey", journey);
      }
      return q.mapTo(Feedback.class).list();
    });
  }

  /** Journeys feedback was given in, sorted (at most 1,000). */
  public List<String> journeys() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT journey FROM feedback WHERE journey IS NOT NULL"
        + " AND journey <> '' ORDER BY journey LIMIT 1000").mapTo(String.class).list());
  }


}
