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
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * Detects error-rate spikes once, where attempts change, and stores them, so a panel only selects the stored
 * spikes in its range and the same incident is the same annotation at every interval. After each sessionizer
 * commit, per journey whose attempts changed: the grain is the smallest of 5 m, 15 m and 1 h whose windows over the
 * trailing day hold at least the detector's {@code minAttempts} finished attempts (median of the windows with
 * any), else 1 h; the buckets from the changed range to {@code window} buckets past it (whose baselines include
 * it) are judged by {@link SpikeDetector} against their trailing baselines, and the journey's stored spikes there
 * are replaced through the single writer.
 */
public final class SpikeScan implements Sessionizer.AttemptsListener {
  static final long MINUTE = 60_000L;
  static final long[] GRAINS = {5 * MINUTE, 15 * MINUTE, 60 * MINUTE};
  static final long TRAFFIC_SPAN = 24 * 60 * MINUTE;

  private final JourneyKpis kpis;
  private final Writer writer;
  private final SpikeDetector.Params params;
  private final SpikeDetector detector;

  public SpikeScan(JourneyKpis kpis, Writer writer, SpikeDetector.Params params) {
    this.kpis = kpis;
    this.writer = writer;
    this.params = params;
    this.detector = new SpikeDetector(params);
  }

  @Override
  public void attemptsChanged(Map<String, Attempt> before, List<Attempt> after) {
    Map<String, long[]> ranges = new TreeMap<>();
    List<Attempt> changed = new ArrayList<>(before.values());
    changed.addAll(after);
    for (Attempt a : changed) {
      long[] r = ranges.computeIfAbsent(a.journey(), j -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      r[0] = Math.min(r[0], a.start());
      r[1] = Math.max(r[1], a.start());
    }
    ranges.forEach((journey, r) -> {
      if (kpis.definitions().byId(journey).isPresent()) {
        scan(journey, r[0], r[1]);
      }
    });
  }

  /** Re-judges the buckets that attempts starting in [lo, hi] can change and stores what is found. */
  public void scan(String journey, long lo, long hi) {
    long grain = grain(journey, hi);
    long from = Math.floorDiv(lo, grain) * grain;
    long to = Math.floorDiv(hi, grain) * grain + grain + params.window() * grain;
    List<SpikeDetector.Bucket> buckets = buckets(journey, from - params.window() * grain, to, grain);
    List<SpikeStore.Row> rows = new ArrayList<>();
    for (SpikeDetector.Spike s : detector.detect(buckets, grain)) {
      if (s.end() + grain > from && s.start() < to) {
        rows.add(new SpikeStore.Row(journey, s.start(), s.end() + grain, grain, s.peakRate(), s.baselineRate(),
            s.peakZ(), s.attempts()));
      }
    }
    try {
      SpikeStore.replace(writer, journey, from, to, rows).get();
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
