package io.uxlens.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Detected error-rate spikes per journey (table journey_spikes): replaced per scanned range, read by overlap. The
 * ranges still to be scanned (table journey_spike_scans_due) are kept beside them, so a stop between the attempts'
 * commit and the scan's loses no scan.
 */
public final class SpikeStore {
  private final Jdbi jdbi;

  /** One stored spike: [start, end) covers its buckets of {@code grainMs}. */
  public record Row(String journey, long start, long end, long grainMs, double peakRate, double baselineRate,
                    double peakZ, long attempts) {}

  /** Attempts starting in [fromMs, toMs] of this journey changed since its spikes were last judged there. */
  public record Due(String journey, long fromMs, long toMs) {}

  public SpikeStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Spikes overlapping [from, to], by start then journey. */
  public List<Row> overlapping(long from, long to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT journey, start_ms, end_ms, grain_ms, peak_rate, baseline_rate,"
            + " peak_z, attempts FROM journey_spikes WHERE start_ms <= :to AND end_ms > :from"
            + " ORDER BY start_ms, journey")
        .bind("from", from).bind("to", to).mapTo(Row.class).list());
  }

  /** The ranges still to be scanned, by journey. */
  public List<Due> due() {
    return jdbi.withHandle(h -> h.createQuery("SELECT journey, from_ms, to_ms FROM journey_spike_scans_due"
        + " ORDER BY journey").map((rs, ctx) -> new Due(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
  }

  /** In the caller's transaction: widens each journey's due range to take in {@code ranges}. */
  static void markDue(Handle h, Collection<Due> ranges) {
    for (Due d : ranges) {
      h.createUpdate("INSERT INTO journey_spike_scans_due (journey, from_ms, to_ms) VALUES (:journey, :fromMs, :toMs)"
              + " ON CONFLICT (journey) DO UPDATE SET"
              + " from_ms = CASE WHEN excluded.from_ms < journey_spike_scans_due.from_ms THEN excluded.from_ms"
              + " ELSE journey_spike_scans_due.from_ms END,"
              + " to_ms = CASE WHEN excluded.to_ms > journey_spike_scans_due.to_ms THEN excluded.to_ms"
              + " ELSE journey_spike_scans_due.to_ms END")
          .bindMethods(d).execute();
    }
  }

  /**
   * Through the single writer: the journey's spikes overlapping [from, to) become {@code rows}, and {@code scanned}
   * is no longer due, unless the range was widened since it was read (then it stays, and is scanned again whole).
   */
  public static CompletableFuture<Void> replace(Writer writer, Due scanned, long from, long to, List<Row> rows) {
    return writer.submit(h -> {
      replace(h, scanned.journey(), from, to, rows);
      clearDue(h, scanned);
      return null;
    });
  }

  /** Through the single writer: a range of a journey that is no longer defined is not due any more. */
  public static CompletableFuture<Void> dropDue(Writer writer, Due due) {
    return writer.submit(h -> {
      clearDue(h, due);
      return null;
    });
  }

  /** The range as read is done; one widened since (other from or to) stays due. */
  private static void clearDue(Handle h, Due due) {
    h.createUpdate("DELETE FROM journey_spike_scans_due WHERE journey = :journey AND from_ms = :fromMs"
        + " AND to_ms = :toMs").bindMethods(due).execute();
  }

  private static void replace(Handle h, String journey, long from, long to, List<Row> rows) {
    h.createUpdate("DELETE FROM journey_spikes WHERE journey = :j AND start_ms < :to AND end_ms > :from")
        .bind("j", journey).bind("from", from).bind("to", to).execute();
    for (Row r : rows) {
      h.createUpdate("INSERT INTO journey_spikes (journey, start_ms, end_ms, grain_ms, peak_rate, baseline_rate,"
              + " peak_z, attempts) VALUES (:journey, :start, :end, :grainMs, :peakRate, :baselineRate, :peakZ,"
              + " :attempts) ON CONFLICT (journey, start_ms) DO UPDATE SET end_ms = excluded.end_ms,"
              + " grain_ms = excluded.grain_ms, peak_rate = excluded.peak_rate,"
              + " baseline_rate = excluded.baseline_rate, peak_z = excluded.peak_z, attempts = excluded.attempts")
          .bindMethods(r).execute();
    }
  }
}
