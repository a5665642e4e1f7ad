package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.store.AttemptTransaction;
import io.uxlens.store.JourneyRollupStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the per-bucket rollups in step with the attempts table: a changed minute is rebuilt from its attempts, its
 * 10 minutes from their minutes, its hour from its 10-minute rows (from minutes while an older store's 10-minute
 * rows are being rebuilt). Runs inside the sessionizer's write, so readers never see one without the other.
 */
final class Rollups {
  static final long MINUTE = 60_000L;
  static final long TEN_MINUTES = 600_000L;
  static final long HOUR = 3_600_000L;
  /** Coarsest first: a query reads the coarsest level whose buckets divide its own. */
  static final long[] LEVELS = {HOUR, TEN_MINUTES, MINUTE};
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

  static void refresh(AttemptTransaction tx, JourneyDefinitions journeys, Set<BucketKey> minutes) {
    Set<BucketKey> tens = new TreeSet<>();
    for (BucketKey m : minutes) {
      JourneyDefinition j = journeys.byId(m.journey()).orElse(null);
      if (j == null) {
        continue;
      }
      List<Attempt> attempts = tx.attemptsStartingIn(m.journey(), m.bucket(), m.bucket() + MINUTE);
      tx.replaceRollups(m.journey(), MINUTE, m.bucket(), rows(j, attempts, m.bucket()));
      tens.add(new BucketKey(m.journey(), Math.floorDiv(m.bucket(), TEN_MINUTES) * TEN_MINUTES));
    }
    Set<BucketKey> hours = new TreeSet<>();
    for (BucketKey ten : tens) {
      merge(tx, journeys, ten, MINUTE, TEN_MINUTES);
      hours.add(new BucketKey(ten.journey(), Math.floorDiv(ten.bucket(), HOUR) * HOUR));
    }
    long hourSource = tx.rollupsRebuilding() ? MINUTE : TEN_MINUTES;
    for (BucketKey hour : hours) {
      merge(tx, journeys, hour, hourSource, HOUR);
    }
  }

  /** Replaces the {@code res} rows of one bucket with the merge of its {@code source} rows. */
  private static void merge(AttemptTransaction tx, JourneyDefinitions journeys, BucketKey bucket, long source,
                            long res) {
    Map<List<String>, KpiAccumulator> merged = new LinkedHashMap<>();
    int steps = journeys.byId(bucket.journey()).orElseThrow().steps().size();
    for (JourneyRollupStore.Row r : tx.rollupRowsIn(bucket.journey(), source, bucket.bucket(),
        bucket.bucket() + res)) {
      merged.computeIfAbsent(List.of(r.dim(), r.dimValue()), k -> new KpiAccumulator(steps))
          .merge(KpiAccumulator.fromBytes(r.state(), r.correlation(), KpiAccumulator.Detail.CORRELATION));
    }
    tx.replaceRollups(bucket.journey(), res, bucket.bucket(), toRows(merged, bucket.bucket()));
  }

  /** The unsplit row plus one row per value of each context dimension. */
  static List<JourneyRollupStore.Row> rows(JourneyDefinition j, List<Attempt> attempts, long bucket) {
    Map<List<String>, KpiAccumulator> accs = new LinkedHashMap<>();
    for (Attempt a : attempts) {
      accs.computeIfAbsent(List.of(JourneyRollupStore.ALL, JourneyRollupStore.ALL),
          k -> new KpiAccumulator(j.steps().size())).addWithCorrelation(a, j);
      for (String dim : ContextDimensions.KEYS) {
        accs.computeIfAbsent(List.of(dim, a.context().getOrDefault(dim, UNKNOWN)),
            k -> new KpiAccumulator(j.steps().size())).add(a);
      }
    }
    return toRows(accs, bucket);
  }

  private static List<JourneyRollupStore.Row> toRows(Map<List<String>, KpiAccumulator> accs, long bucket) {
    List<JourneyRollupStore.Row> rows = new ArrayList<>();
    accs.forEach((k, acc) -> rows.add(new JourneyRollupStore.Row(k.get(0), k.get(1), bucket, acc.attempts(),
        acc.completed(), acc.abandoned(), acc.toBytes(), acc.correlationBytes())));
    return rows;
  }
}
