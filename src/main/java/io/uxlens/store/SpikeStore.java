package io.uxlens.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/** Detected error-rate spikes per journey (table journey_spikes): replaced per scanned range, read by overlap. */
public final class SpikeStore {
  private final Jdbi jdbi;

  /** One stored spike: [start, end) covers its buckets of {@code grainMs}. */
  public record Row(String journey, long start, long end, long grainMs, double peakRate, double baselineRate,
                    double peakZ, long attempts) {}

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

  /** Through the single writer: the journey's spikes overlapping [from, to) become {@code rows}. */
  public static CompletableFuture<Void> replace(Writer writer, String journey, long from, long to, List<Row> rows) {
    return writer.submit(h -> {
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
      return null;
    });
  }
}
