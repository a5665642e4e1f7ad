package io.uxlens.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts of stored records by kind, kept in step with inserts inside the same transaction, so status never
 * has to scan a large table; and the newest event time.
 */
public final class RecordCounts {
  private final Jdbi jdbi;

  public RecordCounts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Adds {@code delta} to a kind's count; call inside the writer's transaction that inserted the rows. */
  public static void add(Handle h, String kind, long delta) {
    if (delta == 0) {
      return;
    }
    int updated = h.createUpdate("UPDATE record_counts SET n = n + :d WHERE kind = :k")
        .bind("d", delta).bind("k", kind).execute();
    if (updated == 0) {
      h.createUpdate("INSERT INTO record_counts(kind, n) VALUES (:k, :d)")
          .bind("d", delta).bind("k", kind).execute();
    }
  }

  /** The newest event time stored (epoch ms), for status; empty when there are no events. */
  public Optional<Long> newestEventTime() {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(ts) FROM events").mapTo(Long.class).findOne());
  }

  public Map<String, Long> all() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT kind, n FROM record_counts ORDER BY kind")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }
}
