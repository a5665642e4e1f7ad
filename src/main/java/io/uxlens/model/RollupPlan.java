package io.uxlens.model;

/**
 * Which rows of a rollup kept at 1-minute and coarser levels answer [from, to] (inclusive) exactly: rows of level
 * {@code res} (the coarsest dividing the step) for [r0, r1), minute rows for the whole minutes [m0, r0) and
 * [r1, m1), and raw rows for the partial minutes at both ends. Shared by the telemetry and feedback rollups.
 */
public record RollupPlan(long res, long m0, long m1, long r0, long r1) {
  public static final long MINUTE = 60_000L;

  /** The plan for buckets of {@code step} ms; null when the step is not whole minutes or the range is empty. */
  public static RollupPlan of(long from, long to, long step, long[] levelsCoarsestFirst) {
    if (step % MINUTE != 0 || to < from) {
      return null;
    }
    long res = MINUTE;
    for (long level : levelsCoarsestFirst) {
      if (step % level == 0) {
        res = level;
        break;
      }
    }
    long m0 = ceil(from, MINUTE);
    long m1 = Math.max(m0, Math.floorDiv(to + 1, MINUTE) * MINUTE);
    long r0 = Math.min(m1, ceil(m0, res));
    long r1 = Math.max(r0, Math.floorDiv(m1, res) * res);
    return new RollupPlan(res, m0, m1, r0, r1);
  }

  /** The [start, end) ranges read from minute rows (none when the level is the minute). */
  public long[][] minutes() {
    return res == MINUTE ? new long[0][] : new long[][] {{m0, r0}, {r1, m1}};
  }

  /** The [start, end) ranges read from raw rows. */
  public long[][] raw(long from, long to) {
    return new long[][] {{from, Math.min(m0, to + 1)}, {Math.max(m1, from), to + 1}};
  }

  private static long ceil(long t, long unit) {
    return -Math.floorDiv(-t, unit) * unit;
  }
}
