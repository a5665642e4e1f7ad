package io.uxlens.query;

import io.uxlens.Refusal;
import io.uxlens.grafana.TimeRange;

/**
 * Time buckets of a query: the panel's interval, unless it would give more than twice the points the panel is wide
 * (Grafana rounds its interval to a nice value from range / width, so range / interval exceeds the width by up to
 * about 1.5x: a week at 1,000 px is 1,008 points of 10 minutes); then range / maxDataPoints, so a panel never gets
 * far more points than it can draw. A step that comes from the width and exceeds a minute is rounded up to whole
 * minutes (fewer points, never more) so that the rollups answer it. The start is aligned to a multiple of the step
 * since the epoch, so the same bucket has the same boundaries whatever the range. At most {@link #MAX_POINTS} per
 * series.
 */
public record Buckets(long startMs, long stepMs, int count) {
  public static final int MAX_POINTS = 10_000;
  /** Used when the request names neither an interval nor a width. */
  public static final int DEFAULT_MAX_DATA_POINTS = 1_000;

  public Buckets {
    if (stepMs <= 0 || count <= 0) {
      throw new IllegalArgumentException("buckets need a positive step and count");
    }
  }

  private static final long MINUTE_MS = 60_000L;

  public static Buckets of(TimeRange range, long intervalMs, int maxDataPoints) {
    int width = maxDataPoints > 0 ? maxDataPoints : (intervalMs > 0 ? 0 : DEFAULT_MAX_DATA_POINTS);
    long byWidth = width > 0 ? ceilDiv(range.durationMs(), width) : 1;
    if (intervalMs > 0 && width > 0 && ceilDiv(range.durationMs(), intervalMs) <= 2L * width) {
      byWidth = 1; // Grafana's own rounding of range / width: keep its interval
    }
    if (byWidth > intervalMs && byWidth > MINUTE_MS) {
      // a step derived from the panel's width is arbitrary: whole minutes let the rollups answer it
      byWidth = ceilDiv(byWidth, MINUTE_MS) * MINUTE_MS;
    }
    long step = Math.max(Math.max(intervalMs, byWidth), 1);
    long start = Math.floorDiv(range.fromMs(), step) * step;
    long count;
    try {
      count = Math.addExact(Math.floorDiv(Math.subtractExact(range.toMs(), start), step), 1);
    } catch (ArithmeticException e) {
      count = -1; // a range too wide for milliseconds in a long: refused below like any other unanswerable range
    }
    if (count <= 0) {
      throw Refusal.badRequest("range", "the time range from " + range.fromMs() + " to " + range.toMs()
          + " ms cannot be cut into buckets of " + step + " ms; send from before to, within years 1 to 9999");
    }
    if (count > MAX_POINTS) {
      long needed = ceilDiv(range.toMs() - start, MAX_POINTS - 1);
      throw Refusal.badRequest("interval", count + " points per series exceed the limit of " + MAX_POINTS
          + "; ask for a wider interval (at least " + needed + " ms) or a shorter range");
    }
    return new Buckets(start, step, (int) count);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** The bucket index of a time, or -1 outside. */
  public int index(long t) {
    if (t < startMs) {
      return -1;
    }
    long i = (t - startMs) / stepMs;
    return i < count ? (int) i : -1;
  }

  public long time(int index) {
    return startMs + index * stepMs;
  }

  public java.util.List<Long> times() {
    java.util.List<Long> out = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(time(i));
    }
    return out;
  }
}
