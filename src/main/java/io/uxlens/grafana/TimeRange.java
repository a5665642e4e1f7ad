package io.uxlens.grafana;

import java.time.Instant;

/** A query's time range in epoch milliseconds, from inclusive, to inclusive (Grafana's "now" is the end). */
public record TimeRange(long fromMs, long toMs) {
  public TimeRange {
    if (toMs <= fromMs) {
      throw new IllegalArgumentException("range.to (" + Instant.ofEpochMilli(toMs) + ") must be after range.from ("
          + Instant.ofEpochMilli(fromMs) + ")");
    }
  }

  public long durationMs() {
    return toMs - fromMs;
  }
}
