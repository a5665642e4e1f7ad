package io.uxlens.model;

/** The buckets of a query's series: {@code count} buckets of {@code step} ms from {@code start}. */
public record BucketGrid(long start, long step, int count) {
  /** The bucket holding time {@code t}, or -1 outside the grid. */
  public int index(long t) {
    if (t < start) {
      return -1;
    }
    long i = (t - start) / step;
    return i < count ? (int) i : -1;
  }
}
