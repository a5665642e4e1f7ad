package io.uxlens.store;

import io.uxlens.model.Annotation;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Read side of the annotations table. */
public final class AnnotationReads {
  private final Jdbi jdbi;

  public AnnotationReads(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Annotations that overlap [from, to] (a region starting before the range still shows), oldest first. */
  public List<Annotation> overlapping(long from, long to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, ts, ts_end, title, text, tags, source FROM annotations"
            + " WHERE ts <= :to AND COALESCE(ts_end, ts) >= :from ORDER BY ts, seq")
        .bind("from", from).bind("to", to)
        .map((rs, ctx) -> new Annotation(rs.getString(1), rs.getLong(2), nullableLong(rs, 3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
        .list());
  }

  /** Tag lists (JSON array texts) of the most recent annotations, for the tag option. */
  public List<String> recentTags(int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT tags FROM annotations ORDER BY seq DESC LIMIT :n")
        .bind("n", limit).mapTo(String.class).list());
  }

  public List<String> sources() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT source FROM annotations ORDER BY source LIMIT 1000")
        .mapTo(String.class).list());
  }

  private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
