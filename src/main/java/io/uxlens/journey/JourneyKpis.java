package io.uxlens.journey;

import io.uxlens.Refusal;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * Journey KPIs over time: the API the query layer calls. An attempt belongs to the bucket of its start; buckets
 * are aligned to the epoch. Without filters and with a whole-minute bucket, answers come from the rollups (the
 * coarsest of the 1 h, 10 min and 1 min levels whose rows divide the bucket), so a query costs in proportion to
 * buckets, not events or attempts. With filters (context equality, e.g. app_version=2.4.1) or odd buckets it aggregates the attempts table.
 * Percentiles: DDSketch, 1% relative error (see {@link KpiAccumulator}).
 */
public final class JourneyKpis {
  public static final long MAX_BUCKETS = 100_000;

  private final JourneyDefinitions journeys;
  private final JourneyStore attempts;
  private final JourneyRollupStore rollups;

  public JourneyKpis(JourneyDefinitions journeys, JourneyStore attempts, JourneyRollupStore rollups) {
    this.journeys = journeys;
    this.attempts = attempts;
    this.rollups = rollups;
  }

  public JourneyDefinitions definitions() {
    return journeys;
  }

  /**
   * KPIs of {@code journeyId} for attempts starting in the buckets that overlap [from, to) (epoch ms), each bucket
   * whole: [floor(from / bucketMs) * bucketMs, ceil(to / bucketMs) * bucketMs).
   *
   * @param groupBy one of {@link ContextDimensions#KEYS} to split by, or empty
   * @param filters context key = value, all must match (keys from {@link ContextDimensions#KEYS})
   */
  public KpiSeries series(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                          Map<String, String> filters) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, true, a -> true, KpiAccumulator.Detail.QUANTILES);
  }

  /**
   * The same series with counts and time on task only (steps' latencies null): the rollups' step sketches, several
   * per row, are not decoded.
   */
  public KpiSeries timeOnTask(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                              Map<String, String> filters) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, true, a -> true,
        KpiAccumulator.Detail.TIME_ON_TASK);
  }

  /**
   * The same series with counts and the steps' latencies only (time on task null): the rollups' time-on-task
   * sketches are not decoded, and no quantile of them is taken per bucket.
   */
  public KpiSeries stepLatency(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                               Map<String, String> filters) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, true, a -> true,
        KpiAccumulator.Detail.STEP_LATENCY);
  }

  /**
   * The same, keeping only attempts {@code keep} accepts: for filters the store cannot apply (not-equal, regular
   * expressions on context). Always aggregates the attempts table, so it costs in proportion to attempts.
   */
  public KpiSeries series(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                          Map<String, String> filters, Predicate<Attempt> keep) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, false, keep, KpiAccumulator.Detail.QUANTILES);
  }

  /**
   * The same series with counts only (attempts, outcomes, errors; steps reached 0 and quantiles null): from the
   * rollups' count columns, read from their range index without the rows' states. For attempts and the rates.
   */
  public KpiSeries counts(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                          Map<String, String> filters) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, true, a -> true, KpiAccumulator.Detail.COUNTS);
  }

  /** The same answer computed from the attempts table only: the rollups' reference in tests. */
  KpiSeries seriesFromAttempts(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                               Map<String, String> filters) {
    return series(journeyId, from, to, bucketMs, groupBy, filters, false, a -> true,
        KpiAccumulator.Detail.QUANTILES);
  }

  private KpiSeries series(String journeyId, long from, long to, long bucketMs, Optional<String> groupBy,
                           Map<String, String> filters, boolean rollupsAllowed, Predicate<Attempt> keep,
                           KpiAccumulator.Detail detail) {
    JourneyDefinition j = journey(journeyId);
    if (bucketMs <= 0) {
      throw Refusal.badRequest("bucketMs", "bucketMs must be positive");
    }
    checkRange(from, to);
    if ((to - from) / bucketMs > MAX_BUCKETS) {
      throw Refusal.badRequest("bucketMs", "the range holds more than " + MAX_BUCKETS + " buckets; use larger ones");
    }
    checkKeys(groupBy, filters);
    long start = Math.floorDiv(from, bucketMs) * bucketMs;
    long end = (Math.floorDiv(to - 1, bucketMs) + 1) * bucketMs;
    LongUnaryOperator bucketOf = t -> Math.floorDiv(t, bucketMs) * bucketMs;
    List<KpiBucket> buckets;
    if (rollupsAllowed && filters.isEmpty() && bucketMs % Rollups.MINUTE == 0) {
      buckets = fromRollups(j, level(bucketMs), start, end, groupBy, bucketOf, detail);
    } else {
      buckets = fromAttempts(j, start, end, groupBy, filters, bucketOf, keep);
    }
    return new KpiSeries(j.id(), bucketMs, groupBy.orElse(null), buckets);
  }

  /**
   * KPIs over the whole range [from, to) as one bucket per group (time = from): for funnels and KPI tables.
   * Uses rollups when from and to are whole minutes and there are no filters.
   */
  public List<KpiBucket> summary(String journeyId, long from, long to, Optional<String> groupBy,
                                 Map<String, String> filters) {
    return summary(journeyId, from, to, groupBy, filters, null);
  }

  /** {@link #summary} keeping only attempts {@code keep} accepts (null: all); aggregates the attempts table. */
  public List<KpiBucket> summary(String journeyId, long from, long to, Optional<String> groupBy,
                                 Map<String, String> filters, Predicate<Attempt> keep) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    checkKeys(groupBy, filters);
    if (keep != null || !filters.isEmpty()) {
      return fromAttempts(j, from, to, groupBy, filters, t -> from, keep == null ? a -> true : keep);
    }
    return toBuckets(j, compose(j, from, to, groupBy, false));
  }

  /**
   * The correlation state of every finished attempt starting in [from, to), composed from the rollups like
   * {@link #summary}; empty while an older store is being rebuilt (then callers read the attempts).
   */
  public Optional<CorrelationState> correlation(String journeyId, long from, long to) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    if (!rollups.complete()) {
      return Optional.empty();
    }
    TreeMap<String, KpiAccumulator> groups = compose(j, from, to, Optional.empty(), true).get(from);
    KpiAccumulator all = groups == null ? null : groups.get(JourneyRollupStore.ALL);
    return Optional.of(all == null || all.correlation() == null ? new CorrelationState(j.steps().size())
        : all.correlation());
  }

  /**
   * Counts of every value of each of {@code dims} (context dimensions and the rollup dimensions of
   * {@link io.uxlens.model.AttemptSegments}) over the attempts starting in [from, to), composed like {@link #summary}:
   * whole hours, 10 minutes and minutes summed in SQL from the rollups' count columns, the partial minutes at both
   * ends from the attempts. Empty while an older store's rollups are being rebuilt (they may lack these rows).
   */
  public Optional<Map<String, Map<String, SegmentCounts>>> segmentCounts(String journeyId, long from, long to,
                                                                         List<String> dims) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    if (!rollups.complete()) {
      return Optional.empty();
    }
    Map<String, Map<String, SegmentCounts>> out = new TreeMap<>();
    dims.forEach(d -> out.put(d, new TreeMap<>()));
    for (long[] piece : pieces(from, to, Rollups.TEN_MINUTES)) {
      for (JourneyRollupStore.Counts c : rollups.totals(j.id(), piece[0], dims, piece[1], piece[2])) {
        out.get(c.dim()).merge(c.dimValue(), SegmentCounts.of(c), SegmentCounts::plus);
      }
    }
    List<Attempt> edges = new ArrayList<>();
    for (long[] e : edges(from, to)) {
      edges.addAll(attempts.attempts(j.id(), e[0], e[1], Map.of()));
    }
    Rollups.accumulate(j, edges).forEach((key, acc) -> {
      Map<String, SegmentCounts> values = out.get(key.get(0));
      if (values != null) {
        values.merge(key.get(1), SegmentCounts.of(acc), SegmentCounts::plus);
      }
    });
    return Optional.of(out);
  }

  /**
   * Counts of every value of {@code dim} per whole {@code res} bucket (a rollup level) overlapping [from, to), in
   * time order; empty while an older store's rollups are being rebuilt.
   */
  public Optional<SegmentGrid> segmentSeries(String journeyId, long from, long to, long res, String dim) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    if (!rollups.complete()) {
      return Optional.empty();
    }
    if (java.util.Arrays.stream(Rollups.LEVELS).noneMatch(l -> l == res)) {
      throw new IllegalArgumentException(res + " ms is not a rollup level");
    }
    return Optional.of(SegmentGrid.of(rollups.counts(j.id(), res, dim, Math.floorDiv(from, res) * res,
        ceil(to, res))));
  }

  /**
   * How [from, to) is read: [level, a, b) pieces of whole hours in the middle, whole {@code tens} (10 minutes, or
   * minutes while an older store is rebuilt) and minutes towards the ends, empty pieces left out; the partial
   * minutes at both ends are {@link #edges}. The cost follows the range's length, not its traffic.
   */
  private static List<long[]> pieces(long from, long to, long tens) {
    long m0 = ceil(from, Rollups.MINUTE);
    long m1 = Math.max(m0, Math.floorDiv(to, Rollups.MINUTE) * Rollups.MINUTE);
    long t0 = Math.min(m1, ceil(from, Rollups.TEN_MINUTES));
    long t1 = Math.max(t0, Math.floorDiv(to, Rollups.TEN_MINUTES) * Rollups.TEN_MINUTES);
    long h0 = Math.min(t1, ceil(from, Rollups.HOUR));
    long h1 = Math.max(h0, Math.floorDiv(to, Rollups.HOUR) * Rollups.HOUR);
    List<long[]> out = new ArrayList<>();
    for (long[] p : new long[][] {{Rollups.HOUR, h0, h1}, {tens, t0, h0}, {tens, h1, t1},
        {Rollups.MINUTE, m0, t0}, {Rollups.MINUTE, t1, m1}}) {
      if (p[1] < p[2]) {
        out.add(p);
      }
    }
    return out;
  }

  /** The partial minutes at both ends of [from, to), read from the attempts: [a, b) ranges, empty ones left out. */
  private static List<long[]> edges(long from, long to) {
    long m0 = ceil(from, Rollups.MINUTE);
    long m1 = Math.max(m0, Math.floorDiv(to, Rollups.MINUTE) * Rollups.MINUTE);
    List<long[]> out = new ArrayList<>();
    for (long[] e : new long[][] {{from, Math.min(m0, to)}, {Math.max(m1, from), to}}) {
      if (e[0] < e[1]) {
        out.add(e);
      }
    }
    return out;
  }

  private TreeMap<Long, TreeMap<String, KpiAccumulator>> compose(JourneyDefinition j, long from, long to,
                                                                 Optional<String> groupBy, boolean correlation) {
    LongUnaryOperator all = t -> from;
    KpiAccumulator.Detail detail = correlation ? KpiAccumulator.Detail.CORRELATION : KpiAccumulator.Detail.QUANTILES;
    TreeMap<Long, TreeMap<String, KpiAccumulator>> acc = new TreeMap<>();
    for (long[] p : pieces(from, to, level(Rollups.TEN_MINUTES))) {
      addRollups(acc, j, p[0], p[1], p[2], groupBy, all, detail);
    }
    for (long[] e : edges(from, to)) {
      addAttempts(acc, j, e[0], e[1], groupBy, Map.of(), all, a -> true, correlation);
    }
    return acc;
  }

  /** The coarsest rollup level whose buckets divide {@code bucketMs} (a whole number of minutes). */
  private long level(long bucketMs) {
    for (long res : Rollups.LEVELS) {
      if (bucketMs % res == 0 && (res != Rollups.TEN_MINUTES || rollups.complete())) {
        return res;
      }
    }
    return Rollups.MINUTE;
  }

  private static long ceil(long t, long unit) {
    return -Math.floorDiv(-t, unit) * unit;
  }

  /** The attempts themselves (for correlation and drill-down), in start order. */
  public List<Attempt> attempts(String journeyId, long from, long to, Map<String, String> filters) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    checkKeys(Optional.empty(), filters);
    return attempts.attempts(j.id(), from, to, filters);
  }

  /**
   * The newest {@code limit} finished attempts starting in [from, to) that were lost at step i (abandoned with step
   * i - 1 as the last reached; an attempt reaching the last step completes): a bounded sample of that side of the
   * step. Progress only: the attempts' context and performance read as empty.
   */
  public List<Attempt> newestLostAt(String journeyId, long from, long to, int step, int limit) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    return attempts.newestAbandonedAt(j.id(), from, to, step - 1, limit);
  }

  /**
   * For each step i from 1 on, the newest {@code limit} finished attempts starting in [from, to) that reached step
   * i or further: the other side of each step (index 0 is empty). Progress only, as {@link #newestLostAt}.
   */
  public List<List<Attempt>> newestReachingEachStep(String journeyId, long from, long to, int limit) {
    JourneyDefinition j = journey(journeyId);
    checkRange(from, to);
    return attempts.newestReachingEachStep(j.id(), from, to, j.steps().size(), limit);
  }

  private List<KpiBucket> fromRollups(JourneyDefinition j, long res, long start, long end, Optional<String> groupBy,
                                      LongUnaryOperator bucketOf, KpiAccumulator.Detail detail) {
    TreeMap<Long, TreeMap<String, KpiAccumulator>> acc = new TreeMap<>();
    addRollups(acc, j, res, start, end, groupBy, bucketOf, detail);
    return toBuckets(j, acc);
  }

  private void addRollups(TreeMap<Long, TreeMap<String, KpiAccumulator>> acc, JourneyDefinition j, long res,
                          long start, long end, Optional<String> groupBy, LongUnaryOperator bucketOf,
                          KpiAccumulator.Detail detail) {
    if (start >= end) {
      return;
    }
    String dim = groupBy.orElse(JourneyRollupStore.ALL);
    if (detail == KpiAccumulator.Detail.COUNTS && rollups.complete()) {
      // the count columns, read from the range index alone (while an older store is rebuilt, its rows may predate
      // the errored column, so the states are read instead)
      for (JourneyRollupStore.Counts c : rollups.counts(j.id(), res, dim, start, end)) {
        acc.computeIfAbsent(bucketOf.applyAsLong(c.bucket()), k -> new TreeMap<>())
            .computeIfAbsent(c.dimValue(), k -> new KpiAccumulator(j.steps().size()))
            .merge(KpiAccumulator.ofCounts(j.steps().size(), c.attempts(), c.completed(), c.abandoned(), c.errored()));
      }
      return;
    }
    boolean correlation = detail == KpiAccumulator.Detail.CORRELATION;
    for (JourneyRollupStore.Row r : rollups.rows(j.id(), res, dim, start, end, correlation)) {
      acc.computeIfAbsent(bucketOf.applyAsLong(r.bucket()), k -> new TreeMap<>())
          .computeIfAbsent(r.dimValue(), k -> new KpiAccumulator(j.steps().size()))
          .mergeStored(r.state(), r.correlation(), detail);
    }
  }

  private List<KpiBucket> fromAttempts(JourneyDefinition j, long start, long end, Optional<String> groupBy,
                                       Map<String, String> filters, LongUnaryOperator bucketOf,
                                       Predicate<Attempt> keep) {
    TreeMap<Long, TreeMap<String, KpiAccumulator>> acc = new TreeMap<>();
    addAttempts(acc, j, start, end, groupBy, filters, bucketOf, keep, false);
    return toBuckets(j, acc);
  }

  private void addAttempts(TreeMap<Long, TreeMap<String, KpiAccumulator>> acc, JourneyDefinition j, long start,
                           long end, Optional<String> groupBy, Map<String, String> filters,
                           LongUnaryOperator bucketOf, Predicate<Attempt> keep, boolean correlation) {
    if (start >= end) {
      return;
    }
    for (Attempt a : attempts.attempts(j.id(), start, end, filters)) {
      if (!keep.test(a)) {
        continue;
      }
      String group = groupBy.map(k -> a.context().getOrDefault(k, Rollups.UNKNOWN)).orElse(JourneyRollupStore.ALL);
      KpiAccumulator target = acc.computeIfAbsent(bucketOf.applyAsLong(a.start()), k -> new TreeMap<>())
          .computeIfAbsent(group, k -> new KpiAccumulator(j.steps().size()));
      if (correlation) {
        target.addWithCorrelation(a, j);
      } else {
        target.add(a);
      }
    }
  }

  private static List<KpiBucket> toBuckets(JourneyDefinition j, TreeMap<Long, TreeMap<String, KpiAccumulator>> acc) {
    List<KpiBucket> out = new ArrayList<>();
    acc.forEach((time, groups) -> groups.forEach((group, a) -> out.add(KpiBucket.of(time, group, j, a))));
    return out;
  }

  private JourneyDefinition journey(String id) {
    return journeys.byId(id).orElseThrow(() -> Refusal.badRequest("journey", "unknown journey '" + id
        + "' (known: " + String.join(", ", journeys.all().stream().map(JourneyDefinition::id).toList()) + ")"));
  }

  private static void checkRange(long from, long to) {
    if (to <= from) {
      throw Refusal.badRequest("range", "the range end must be after its start");
    }
  }

  private static void checkKeys(Optional<String> groupBy, Map<String, String> filters) {
    for (String key : groupBy.map(List::of).orElse(List.of())) {
      if (!ContextDimensions.KEYS.contains(key)) {
        throw Refusal.badRequest("groupBy", "cannot split by '" + key + "' (known: "
            + String.join(", ", ContextDimensions.KEYS) + ")");
      }
    }
    for (String key : filters.keySet()) {
      if (!ContextDimensions.KEYS.contains(key)) {
        throw Refusal.badRequest("filters", "cannot filter by '" + key + "' (known: "
            + String.join(", ", ContextDimensions.KEYS) + ")");
      }
    }
  }
}
