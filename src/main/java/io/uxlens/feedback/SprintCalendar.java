package io.uxlens.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Sprints of a fixed length repeating from an anchor (the start of any one sprint), before and after it.
 * Default: two weeks anchored on Monday 2024-01-01T00:00Z.
 */
public record SprintCalendar(Instant anchor, Duration length) {
  public static final Instant DEFAULT_ANCHOR = Instant.parse("2024-01-01T00:00:00Z");
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(14);

  public SprintCalendar {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(length, "length");
    if (length.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("sprint length must be at least one hour, got " + length);
    }
  }

  public static SprintCalendar defaults() {
    return new SprintCalendar(DEFAULT_ANCHOR, DEFAULT_LENGTH);
  }

  /** The sprint holding ts; a sprint boundary belongs to the sprint that starts there. */
  public Sprint containing(long ts) {
    long len = length.toMillis();
    long start = anchor.toEpochMilli() + Math.floorDiv(ts - anchor.toEpochMilli(), len) * len;
    return new Sprint(start, start + len);
  }

  public Sprint containing(Instant t) {
    return containing(t.toEpochMilli());
  }
}
