package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.AttemptSegments;
import io.uxlens.model.ContextDimensions;
import io.uxlens.store.AttemptTransaction;
import io.uxlens.store.JourneyRollupStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the per-bucket rollups in step with the attempts table: a changed minute is rebuilt from its attempts, its
 * 10 minutes from their minutes, its hour from its 10-minute rows (from minutes while an older store's 10-minute
 * rows are being rebuilt). Runs inside the last write of each sessionizer step, for every minute the step marked.
 */
final class Rollups {
  static final long MINUTE = 60_000L;
  static final long TEN_MINUTES = 600_000L;
  static final long HOUR = 3_600_000L;
  /** Coarsest first: a query reads the coarsest level whose buckets divide its own. */
  static final long[] LEVELS = {HOUR, TEN_MINUTES, MINUTE};
  /** Buckets read together when fewer than this many lie between them (see {@link #runs}). */
  static final int RUN_GAP = 8;
  /** Group value for attempts without a value for the dimension asked. */
  static final String UNKNOWN = "unknown";

  private Rollups() {}

  record BucketKey(String journey, long bucket) implements Comparable<BucketKey> {
    @Override
    public int compareTo(BucketKey o) {
      int c = journey.compareTo(o.journey);
      return c != 0 ? c : Long.compare(bucket, o.bucket);
    }
  }

  static BucketKey minuteOf(String journey, long start) {
    return new BucketKey(journey, Math.floorDiv(start, MINUTE) * MINUTE);
  }

  /**
   * Rebuilds these minutes, then the 10 minutes and hours holding them (hours from minutes while an older store's
   * 10-minute rows are being rebuilt: {@code rebuilding}, as the caller's write read it). Each level reads its sources in runs of
   * nearby buckets (one query per run, not per bucket): a catch-up step touches hundreds of minutes per journey.
   */
  static void refresh(AttemptTransaction tx, JourneyDefinitions journeys, Set<BucketKey> minutes,
                      boolean rebuilding) {
    Map<String, TreeSet<Long>> byJourney = new TreeMap<>();
    minutes.forEach(m -> byJourney.computeIfAbsent(m.journey(), k -> new TreeSet<>()).add(m.bucket()));
    long hourSource = rebuilding ? MINUTE : TEN_MINUTES;
    for (Map.Entry<String, TreeSet<Long>> e : byJourney.entrySet()) {
      JourneyDefinition j = journeys.byId(e.getKey()).orElse(null);
      if (j == null) {
        continue;
      }
      TreeSet<Long> mins = e.getValue();
      Map<Long, List<JourneyRollupStore.Row>> minuteRows = new TreeMap<>();
      for (long[] run : runs(mins, MINUTE)) {
        Map<Long, List<Attempt>> byMinute = new TreeMap<>();
        for (Attempt a : tx.attemptsStartingIn(j.id(), run[0], run[1])) {
          byMinute.computeIfAbsent(Math.floorDiv(a.start(), MINUTE) * MINUTE, k -> new ArrayList<>()).add(a);
        }
        for (long m : mins.subSet(run[0], run[1])) {
          minuteRows.put(m, rows(j, byMinute.getOrDefault(m, List.of()), m));
        }
      }
      tx.replaceRollups(j.id(), MINUTE, minuteRows);
      TreeSet<Long> tens = containing(mins, TEN_MINUTES);
      merge(tx, j, tens, MINUTE, TEN_MINUTES);
      merge(tx, j, containing(tens, HOUR), hourSource, HOUR);
    }
  }

  /** The {@code size} buckets holding these buckets. */
  private static TreeSet<Long> containing(Set<Long> buckets, long size) {
    TreeSet<Long> out = new TreeSet<>();
    buckets.forEach(b -> out.add(Math.floorDiv(b, size) * size));
    return out;
  }

  /**
   * Sorted buckets of {@code size} as [from, to) ranges to read in one query each: neighbours less than
   * {@value #RUN_GAP} buckets apart share a range, so a run reads at most that many buckets it does not need.
   */
  static List<long[]> runs(TreeSet<Long> buckets, long size) {
    List<long[]> out = new ArrayList<>();
    long[] run = null;
    for (long b : buckets) {
      if (run != null && b - run[1] < RUN_GAP * size) {
        run[1] = b + size;
      } else {
        run = new long[] {b, b + size};
        out.add(run);
      }
    }
    return out;
  }

  /** Replaces the {@code res} rows of these buckets with the merge of their {@code source} rows. */
  private static void merge(AttemptTransaction tx, JourneyDefinition j, TreeSet<Long> buckets, long source, long res) {
    int steps = j.steps().size();
    Map<Long, Map<List<String>, KpiAccumulator>> merged = new TreeMap<>();
    buckets.forEach(b -> merged.put(b, new LinkedHashMap<>()));
    for (long[] run : runs(buckets, res)) {
      for (JourneyRollupStore.Row r : tx.rollupRowsIn(j.id(), source, run[0], run[1])) {
        Map<List<String>, KpiAccumulator> into = merged.get(Math.floorDiv(r.bucket(), res) * res);
        if (into != null) { // a bucket between two asked for, read with the run
          into.computeIfAbsent(List.of(r.dim(), r.dimValue()), k -> new KpiAccumulator(steps))
              .mergeStored(r.state(), r.correlation(), KpiAccumulator.Detail.CORRELATION);
        }
      }
    }
    Map<Long, List<JourneyRollupStore.Row>> out = new TreeMap<>();
    merged.forEach((bucket, accs) -> out.put(bucket, toRows(accs, bucket)));
    tx.replaceRollups(j.id(), res, out);
  }

  /**
   * The unsplit row, one row per value of each context dimension, and counts-only rows per value of the drivers'
   * own dimensions (error seen, last step, latency cell: {@link AttemptSegments}).
   */
  static List<JourneyRollupStore.Row> rows(JourneyDefinition j, List<Attempt> attempts, long bucket) {
    return toRows(accumulate(j, attempts), bucket);
  }

  /** The rows' states before serialising, keyed by [dimension, value]. */
  static Map<List<String>, KpiAccumulator> accumulate(JourneyDefinition j, List<Attempt> attempts) {
    Map<List<String>, KpiAccumulator> accs = new LinkedHashMap<>();
    int steps = j.steps().size();
    for (Attempt a : attempts) {
      accs.computeIfAbsent(List.of(JourneyRollupStore.ALL, JourneyRollupStore.ALL),
          k -> new KpiAccumulator(steps)).addWithCorrelation(a, j);
      for (String dim : ContextDimensions.KEYS) {
        accs.computeIfAbsent(List.of(dim, a.context().getOrDefault(dim, UNKNOWN)),
            k -> new KpiAccumulator(steps)).add(a);
      }
      accs.computeIfAbsent(List.of(AttemptSegments.ERROR_SEEN, AttemptSegments.errorSeen(a)),
          k -> new KpiAccumulator(steps)).addCounts(a);
      accs.computeIfAbsent(List.of(AttemptSegments.LAST_STEP, AttemptSegments.lastStep(a)),
          k -> new KpiAccumulator(steps)).addCounts(a);
      accs.computeIfAbsent(List.of(AttemptSegments.LATENCY_CELL, AttemptSegments.latencyCell(a)),
          k -> new KpiAccumulator(steps)).addCounts(a);
    }
    return accs;
  }

  private static List<JourneyRollupStore.Row> toRows(Map<List<String>, KpiAccumulator> accs, long bucket) {
    List<JourneyRollupStore.Row> rows = new ArrayList<>();
    accs.forEach((k, acc) -> rows.add(new JourneyRollupStore.Row(k.get(0), k.get(1), bucket, acc.attempts(),
        acc.completed(), acc.abandoned(), acc.finishedWithError(), acc.toBytes(), acc.correlationBytes())));
    return rows;
  }
}
