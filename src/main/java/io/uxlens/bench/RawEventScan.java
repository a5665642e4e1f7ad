package io.uxlens.bench;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The benchmark's baseline: a journey KPI computed the naive way, by scanning raw events at query time
 * (hourly starts and completions of a journey, by event name over the time range).
 */
public final class RawEventScan {
  private final Jdbi jdbi;

  public RawEventScan(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One bucket of the scan: events of the start step and of the success step. */
  public record Bucket(long time, long started, long completed) {}

  public List<Bucket> startsAndCompletions(String startEvent, String doneEvent, long from, long to, long bucketMs) {
    return jdbi.withHandle(h -> h.createQuery("SELECT (ts / :b) * :b AS bucket, "
            + "SUM(CASE WHEN name = :s THEN 1 ELSE 0 END), SUM(CASE WHEN name = :d THEN 1 ELSE 0 END) "
            + "FROM events WHERE ts >= :from AND ts < :to AND name IN (:s, :d) GROUP BY bucket ORDER BY bucket")
        .bind("b", bucketMs).bind("s", startEvent).bind("d", doneEvent).bind("from", from).bind("to", to)
        .map((rs, ctx) -> new Bucket(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
  }
}
