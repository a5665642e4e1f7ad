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
    return overlapping(from, to, Integer.MAX_VALUE);
  }

  /** The same, at most {@code limit} of them. */
  public List<Annotation> overlapping(long from, long to, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, ts, ts_end, title, text, tags, source FROM annotations"
            + " WHERE ts <= :to AND COALESCE(ts_end, ts) >= :from ORDER BY ts, seq LIMIT :limit")
        .bind("from", from).bind("to", to).bind("limit", limit).mapTo(Annotation.class).list());
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

}
