package io.uxlens.feedback;

import java.time.Instant;

/** A sprint: the half-open interval [start, end) in epoch milliseconds. */
public record Sprint(long startMs, long endMs) {
  public Sprint {
    if (endMs <= startMs) {
      throw new IllegalArgumentException("sprint must end after it starts");
    }
  }

  public long lengthMs() {
    return endMs - startMs;
  }

  public boolean contains(long ts) {
    return ts >= startMs && ts < endMs;
  }

  /** The sprint of the same length that ends where this one starts. */
  public Sprint previous() {
    return new Sprint(startMs - lengthMs(), startMs);
  }

  /** The sprint of the same length that starts where this one ends. */
  public Sprint next() {
    return new Sprint(endMs, endMs + lengthMs());
  }

  @Override
  public String toString() {
    return Instant.ofEpochMilli(startMs) + "/" + Instant.ofEpochMilli(endMs);
  }
}
