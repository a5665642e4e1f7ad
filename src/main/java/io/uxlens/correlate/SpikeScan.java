package io.uxlens.correlate;

import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.KpiBucket;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Attempt;
import io.uxlens.store.SpikeStore;
import io.uxlens.store.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Detects error-rate spikes once, where attempts change, and stores them, so a panel only selects the stored
 * spikes in its range and the same incident is the same annotation at every interval. The sessionizer marks, per
 * journey, the range of attempt starts whose rollups it refreshed ({@link SpikeStore#due}); after each of its commits
 * and at the start of each of its runs, every due range is scanned: the grain is the smallest of 5 m, 15 m and 1 h
 * whose windows over the trailing day hold at least the detector's {@code minAttempts} finished attempts (median of
 * the windows with any), else 1 h; the buckets from the range to {@code window} buckets past it (whose baselines
 * include it) are judged by {@link SpikeDetector} against their trailing baselines, and the journey's stored spikes
 * there are replaced through the single writer, in the transaction that clears the range. A range whose scan a stop
 * interrupted stays due and is scanned at the next start.
 */
public final class SpikeScan implements Sessionizer.AttemptsListener {
  static final long MINUTE = 60_000L;
  static final long[] GRAINS = {5 * MINUTE, 15 * MINUTE, 60 * MINUTE};
  static final long TRAFFIC_SPAN = 24 * 60 * MINUTE;

  private final JourneyKpis kpis;
  private final SpikeStore spikes;
  private final Writer writer;
  private final SpikeDetector.Params params;
  private final SpikeDetector detector;

  public SpikeScan(JourneyKpis kpis, SpikeStore spikes, Writer writer, SpikeDetector.Params params) {
    this.kpis = kpis;
    this.spikes = spikes;
    this.writer = writer;
    this.params = params;
    this.detector = new SpikeDetector(params);
  }

  @Override
  public void attemptsChanged(Map<String, Attempt> before, List<Attempt> after) {
    scanDue();
  }

  @Override
  public void resume() {
    scanDue();
  }

  /** Scans every range still due; a journey no longer defined has its range dropped. */
  private void scanDue() {
    for (SpikeStore.Due due : spikes.due()) {
      await(kpis.definitions().byId(due.journey()).isPresent() ? scan(due) : SpikeStore.dropDue(writer, due));
    }
  }

  /** Re-judges the buckets that attempts starting in the due range can change; the write stores what is found. */
  private CompletableFuture<Void> scan(SpikeStore.Due due) {
    String journey = due.journey();
    long grain = grain(journey, due.toMs());
    long from = Math.floorDiv(due.fromMs(), grain) * grain;
    long to = Math.floorDiv(due.toMs(), grain) * grain + grain + params.window() * grain;
    List<SpikeDetector.Bucket> buckets = buckets(journey, from - params.window() * grain, to, grain);
    List<SpikeStore.Row> rows = new ArrayList<>();
    for (SpikeDetector.Spike s : detector.detect(buckets, grain)) {
      if (s.end() + grain > from && s.start() < to) {
        rows.add(new SpikeStore.Row(journey, s.start(), s.end() + grain, grain, s.peakRate(), s.baselineRate(),
            s.peakZ(), s.attempts()));
      }
    }
    return SpikeStore.replace(writer, due, from, to, rows);
  }

  private static void await(CompletableFuture<Void> write) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving spikes", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("saving spikes failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The smallest grain with enough finished attempts per window over the day before {@code at}. */
  long grain(String journey, long at) {
    for (long g : GRAINS) {
      long end = Math.floorDiv(at, g) * g + g;
      long[] counts = buckets(journey, end - TRAFFIC_SPAN, end, g).stream()
          .mapToLong(SpikeDetector.Bucket::attempts).filter(n -> n > 0).sorted().toArray();
      if (counts.length > 0 && median(counts) >= params.minAttempts()) {
        return g;
      }
    }
    return GRAINS[GRAINS.length - 1];
  }

  private List<SpikeDetector.Bucket> buckets(String journey, long from, long to, long grain) {
    List<SpikeDetector.Bucket> out = new ArrayList<>();
    for (KpiBucket b : kpis.series(journey, from, to, grain, Optional.empty(), Map.of()).buckets()) {
      out.add(new SpikeDetector.Bucket(b.time(), b.finished(), b.finishedWithError()));
    }
    return out;
  }

  private static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
