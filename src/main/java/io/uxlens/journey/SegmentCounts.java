package io.uxlens.journey;

import io.uxlens.store.JourneyRollupStore;

/**
 * A segment's attempt counts: all attempts (finished or not), completed, abandoned, and finished attempts that saw
 * an error. What the drivers table reads per dimension value, summed from the rollups' count columns.
 */
public record SegmentCounts(long attempts, long completed, long abandoned, long errored) {
  static SegmentCounts of(JourneyRollupStore.Counts c) {
    return new SegmentCounts(c.attempts(), c.completed(), c.abandoned(), c.errored());
  }

  static SegmentCounts of(KpiAccumulator a) {
    return new SegmentCounts(a.attempts(), a.completed(), a.abandoned(), a.finishedWithError());
  }

  /** Completed or abandoned. */
  public long finished() {
    return completed + abandoned;
  }

  public SegmentCounts plus(SegmentCounts o) {
    return new SegmentCounts(attempts + o.attempts, completed + o.completed, abandoned + o.abandoned,
        errored + o.errored);
  }
}
