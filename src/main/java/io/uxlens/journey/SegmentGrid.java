package io.uxlens.journey;

import io.uxlens.store.JourneyRollupStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rollup dimension's counts per bucket: {@code values} names the dimension's values in the order first seen,
 * and each bucket holds their {@link SegmentCounts} at the same places (null: no attempt of that value in the
 * bucket). Read by the drivers table to date a move, where a value's membership in a row's segment is decided once
 * per value instead of once per value and bucket.
 */
public record SegmentGrid(List<String> values, TreeMap<Long, SegmentCounts[]> buckets) {
  public static final SegmentGrid EMPTY = new SegmentGrid(List.of(), new TreeMap<>());

  /** The grid of one dimension's rollup rows, which come in bucket order. */
  static SegmentGrid of(List<JourneyRollupStore.Counts> rows) {
    Map<String, Integer> places = new HashMap<>();
    List<String> values = new ArrayList<>();
    int[] placeOf = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      placeOf[i] = places.computeIfAbsent(rows.get(i).dimValue(), v -> {
        values.add(v);
        return values.size() - 1;
      });
    }
    TreeMap<Long, SegmentCounts[]> buckets = new TreeMap<>();
    SegmentCounts[] cells = null;
    long bucket = 0;
    for (int i = 0; i < rows.size(); i++) {
      JourneyRollupStore.Counts c = rows.get(i);
      if (cells == null || c.bucket() != bucket) { // one map look-up per bucket, not per row
        bucket = c.bucket();
        cells = buckets.computeIfAbsent(bucket, k -> new SegmentCounts[values.size()]);
      }
      SegmentCounts counts = SegmentCounts.of(c);
      cells[placeOf[i]] = cells[placeOf[i]] == null ? counts : cells[placeOf[i]].plus(counts);
    }
    return new SegmentGrid(List.copyOf(values), buckets);
  }
}
