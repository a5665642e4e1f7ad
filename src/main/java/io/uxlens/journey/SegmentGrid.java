package io.uxlens.journey;

import java.util.List;
import java.util.TreeMap;

/**
 * One rollup dimension's counts per bucket: {@code values} names the dimension's values in the order first seen,
 * and each bucket holds their {@link SegmentCounts} at the same places (null: no attempt of that value in the
 * bucket). Read by the drivers table to date a move, where a value's membership in a row's segment is decided once
 * per value instead of once per value and bucket.
 */
public record SegmentGrid(List<String> values, TreeMap<Long, SegmentCounts[]> buckets) {
  public static final SegmentGrid EMPTY = new SegmentGrid(List.of(), new TreeMap<>());
}
