package io.uxlens.query.journey;

import io.uxlens.explain.ChangeStart;
import io.uxlens.explain.Decomposition;
import io.uxlens.explain.Driver;
import io.uxlens.explain.Drivers;
import io.uxlens.explain.Kpi;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.SegmentCounts;
import io.uxlens.journey.SegmentGrid;
import io.uxlens.model.AttemptSegments;
import io.uxlens.model.ContextDimensions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The drivers table of a rate KPI from the rollups: each segment's units and hits per window are counts composed
 * from buckets, so the rows equal what {@link Drivers#analyse} computes from the attempts, at a cost that follows
 * the windows' buckets and segments, not their attempts. Change starts are dated from bucket series (hours, 10
 * minutes or minutes, by window length; the bucket found is refined to its minute): the minute an attempt of the
 * move started, where the attempts path dates the attempt by when its outcome was known.
 */
final class RolledUpDrivers {
  private static final long MINUTE = 60_000L;
  private static final long TEN_MINUTES = 600_000L;
  private static final long HOUR = 3_600_000L;
  private static final List<String> ROLLUP_DIMS = rollupDims();

  private final JourneyKpis kpis;
  private final JourneyDefinition journey;
  private final Kpi kpi;
  private final long[] before;
  private final long[] after;
  private double[] bandEdges;
  /** This query's band of each latency cell: asked per cell by the segment counts and by each dated row's grid. */
  private final Map<String, String> bands = new HashMap<>();
  /** Bucket series read so far, by [rollup dimension, level, from, to]. */
  private final Map<List<Object>, SegmentGrid> series = new HashMap<>();

  private RolledUpDrivers(JourneyKpis kpis, JourneyDefinition journey, Kpi kpi, long[] before, long[] after) {
    this.kpis = kpis;
    this.journey = journey;
    this.kpi = kpi;
    this.before = before;
    this.after = after;
  }

  private static List<String> rollupDims() {
    List<String> out = new ArrayList<>(ContextDimensions.KEYS);
    out.addAll(List.of(AttemptSegments.LATENCY_CELL, AttemptSegments.ERROR_SEEN, AttemptSegments.LAST_STEP));
    return out;
  }

  /**
   * The analysis with change starts on its first {@code dated} rows, or empty when the rollups cannot give it: the
   * KPI is not a rate, an older store's rollups are being rebuilt, or the windows hold at most {@code exactUpTo}
   * units (then the attempts are cheap to read and date exactly).
   */
  static Optional<Drivers.Analysis> analyse(JourneyKpis kpis, JourneyDefinition j, Kpi kpi, long[] before,
                                            long[] after, int minAttempts, Drivers.Ranking ranking, int dated,
                                            long exactUpTo) {
    if (!kpi.rate()) {
      return Optional.empty();
    }
    RolledUpDrivers r = new RolledUpDrivers(kpis, j, kpi, before, after);
    Optional<Map<String, Map<String, SegmentCounts>>> c0 = kpis.segmentCounts(j.id(), before[0], before[1],
        ROLLUP_DIMS);
    Optional<Map<String, Map<String, SegmentCounts>>> c1 = kpis.segmentCounts(j.id(), after[0], after[1],
        ROLLUP_DIMS);
    if (c0.isEmpty() || c1.isEmpty() || units(c0.get()) + units(c1.get()) <= exactUpTo) {
      return Optional.empty();
    }
    r.bandEdges = AttemptSegments.bandEdges(cellCounts(c0.get(), c1.get()));
    Map<String, Map<String, Decomposition.Counts>> segments = r.segments(c0.get(), c1.get());
    Decomposition.Counts total = sum(segments.get(AttemptSegments.ERROR_SEEN).values());
    Drivers.Analysis a = Drivers.fromCounts(kpi, segments, total, minAttempts, ranking);
    return Optional.of(a.withChangeStarts(dated, d -> r.changeStart(a, d, segments.get(d.dimension()))));
  }

  /** Finished attempts in a window: its error-seen segments partition them. */
  private static long units(Map<String, Map<String, SegmentCounts>> counts) {
    return counts.get(AttemptSegments.ERROR_SEEN).values().stream().mapToLong(SegmentCounts::finished).sum();
  }

  /** Attempts (finished or not, as the bands of the attempts path) per latency cell over both windows. */
  private static long[] cellCounts(Map<String, Map<String, SegmentCounts>> c0,
                                   Map<String, Map<String, SegmentCounts>> c1) {
    long[] counts = new long[AttemptSegments.cells()];
    for (Map<String, Map<String, SegmentCounts>> c : List.of(c0, c1)) {
      c.get(AttemptSegments.LATENCY_CELL).forEach((cell, acc) -> {
        if (!cell.equals(AttemptSegments.UNKNOWN)) {
          counts[Integer.parseInt(cell)] += acc.attempts();
        }
      });
    }
    return counts;
  }

  /** Units and hits per segment of each drivers dimension, latency cells gathered into this query's bands. */
  private Map<String, Map<String, Decomposition.Counts>> segments(Map<String, Map<String, SegmentCounts>> c0,
                                                                  Map<String, Map<String, SegmentCounts>> c1) {
    Map<String, Map<String, Decomposition.Counts>> out = new TreeMap<>();
    for (String dim : ROLLUP_DIMS) {
      Map<String, Decomposition.Counts> values = new TreeMap<>();
      c0.get(dim).forEach((v, acc) -> values.merge(segment(dim, v),
          new Decomposition.Counts(acc.finished(), hits(acc), 0, 0), RolledUpDrivers::plus));
      c1.get(dim).forEach((v, acc) -> values.merge(segment(dim, v),
          new Decomposition.Counts(0, 0, acc.finished(), hits(acc)), RolledUpDrivers::plus));
      values.values().removeIf(c -> c.units0() + c.units1() == 0); // segments of in-progress attempts only
      out.put(driverDimension(dim), values);
    }
    return out;
  }

  private static String driverDimension(String rollupDim) {
    return rollupDim.equals(AttemptSegments.LATENCY_CELL) ? AttemptSegments.LATENCY_BAND : rollupDim;
  }

  private String segment(String rollupDim, String value) {
    return rollupDim.equals(AttemptSegments.LATENCY_CELL)
        ? bands.computeIfAbsent(value, v -> AttemptSegments.band(v, bandEdges)) : value;
  }

  private long hits(SegmentCounts acc) {
    return switch (kpi) {
      case COMPLETION_RATE -> acc.completed();
      case ABANDONMENT_RATE -> acc.abandoned();
      case ERROR_RATE -> acc.errored();
      case TIME_ON_TASK_P50 -> throw new IllegalStateException("not a rate");
    };
  }

  private static Decomposition.Counts plus(Decomposition.Counts a, Decomposition.Counts b) {
    return new Decomposition.Counts(a.units0() + b.units0(), a.hits0() + b.hits0(), a.units1() + b.units1(),
        a.hits1() + b.hits1());
  }

  private static Decomposition.Counts sum(Iterable<Decomposition.Counts> counts) {
    Decomposition.Counts s = new Decomposition.Counts(0, 0, 0, 0);
    for (Decomposition.Counts c : counts) {
      s = plus(s, c);
    }
    return s;
  }

  /**
   * When the row's move began: the maximum-evidence run ({@link ChangeStart}) over both windows' buckets, each
   * bucket carrying direction x (segment hits - midpoint x units), then again with the bucket found and the one
   * before it split into minutes. A segment new in the current window starts at its first minute there.
   */
  private Long changeStart(Drivers.Analysis a, Driver d, Map<String, Decomposition.Counts> values) {
    String rollupDim = d.dimension().equals(AttemptSegments.LATENCY_BAND) ? AttemptSegments.LATENCY_CELL
        : d.dimension();
    long res = resolution(after[1] - after[0]);
    TreeMap<Long, long[]> coarse = items(a, d, rollupDim, res, before[0], before[1]);
    coarse.putAll(items(a, d, rollupDim, res, after[0], after[1]));
    if (d.units0() == 0) {
      Long first = firstWithUnits(coarse.tailMap(Math.floorDiv(after[0], res) * res, true));
      if (first == null) {
        return null;
      }
      Long minute = res == MINUTE ? first : firstWithUnits(items(a, d, rollupDim, MINUTE, first, first + res));
      return minute == null ? first : Math.max(minute, after[0]);
    }
    long hits0 = 0;
    long hits1 = 0;
    for (Map.Entry<String, Decomposition.Counts> v : values.entrySet()) {
      if (a.segmentOf(d.dimension(), v.getKey()).equals(d.segment())) {
        hits0 += v.getValue().hits0();
        hits1 += v.getValue().hits1();
      }
    }
    double level0 = a.units0() == 0 ? 0 : (double) hits0 / a.units0();
    double level1 = a.units1() == 0 ? 0 : (double) hits1 / a.units1();
    int direction = (int) Math.signum(level1 - level0);
    if (direction == 0) {
      return null;
    }
    double midpoint = (level0 + level1) / 2;
    Long found = run(coarse, midpoint, direction);
    if (found == null || res == MINUTE) {
      return found;
    }
    Long previous = coarse.lowerKey(found);
    long splitFrom = previous == null ? found : previous;
    TreeMap<Long, long[]> mixed = new TreeMap<>(coarse.headMap(splitFrom, false));
    mixed.putAll(items(a, d, rollupDim, MINUTE, splitFrom, found + res));
    mixed.putAll(coarse.tailMap(found + res, true));
    Long refined = run(mixed, midpoint, direction);
    return refined == null ? found : refined;
  }

  private static Long run(TreeMap<Long, long[]> items, double midpoint, int direction) {
    List<Long> times = new ArrayList<>(items.keySet());
    double[] evidence = new double[times.size()];
    int i = 0;
    for (long[] item : items.values()) {
      evidence[i++] = direction * (item[1] - midpoint * item[0]);
    }
    int start = ChangeStart.of(evidence, direction > 0 ? 1 - midpoint : midpoint);
    return start < 0 ? null : times.get(start);
  }

  private static Long firstWithUnits(Map<Long, long[]> items) {
    for (Map.Entry<Long, long[]> e : items.entrySet()) {
      if (e.getValue()[2] > 0) {
        return e.getKey();
      }
    }
    return null;
  }

  /**
   * Per {@code res} bucket overlapping [from, to): [units, hits of the row's segment, units of the row's segment].
   */
  private TreeMap<Long, long[]> items(Drivers.Analysis a, Driver d, String rollupDim, long res, long from, long to) {
    // rows of the same dimension often share series (a segment and its complement): each is read once
    SegmentGrid grid = series.computeIfAbsent(List.of(rollupDim, res, from, to),
        k -> kpis.segmentSeries(journey.id(), from, to, res, rollupDim).orElse(SegmentGrid.EMPTY));
    boolean[] inRowSegment = new boolean[grid.values().size()]; // per value, not per value and bucket
    for (int i = 0; i < inRowSegment.length; i++) {
      inRowSegment[i] = a.segmentOf(d.dimension(), segment(rollupDim, grid.values().get(i))).equals(d.segment());
    }
    TreeMap<Long, long[]> out = new TreeMap<>();
    grid.buckets().forEach((bucket, cells) -> {
      long[] item = new long[3];
      for (int i = 0; i < cells.length; i++) {
        SegmentCounts acc = cells[i];
        if (acc == null) {
          continue;
        }
        item[0] += acc.finished();
        if (inRowSegment[i]) {
          item[1] += hits(acc);
          item[2] += acc.finished();
        }
      }
      out.put(bucket, item);
    });
    return out;
  }

  /** Buckets for dating a move: a few hundred per window at most. */
  private static long resolution(long windowMs) {
    if (windowMs >= 2 * 24 * HOUR) {
      return HOUR;
    }
    return windowMs >= 4 * HOUR ? TEN_MINUTES : MINUTE;
  }
}
