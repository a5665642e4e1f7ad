package io.uxlens.feedback;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Sprints of a fixed length repeating from an anchor (the start of any one sprint), before and after it.
 * Default: two weeks anchored on Monday 2024-01-01T00:00Z.
 */
public record SprintCalendar(Instant anchor, Duration length) {
  public static final Instant DEFAULT_ANCHOR = Instant.parse("2024-01-01T00:00:00Z");
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(14);
  /** Longest sprint in days a calendar accepts from users: a year. */
  public static final int MAX_DAYS = 366;

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

  /** Sprints of whole days (1 to {@link #MAX_DAYS}) from an anchor. */
  public static SprintCalendar ofDays(Instant anchor, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("sprint length must be 1 to " + MAX_DAYS + " days, got " + days);
    }
    return new SprintCalendar(anchor, Duration.ofDays(days));
  }

  /** An anchor given as a date (2024-01-01, midnight UTC) or an instant (2024-01-01T09:00:00Z). */
  public static Instant parseAnchor(String text) {
    String t = text == null ? "" : text.strip();
    try {
      return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("sprint anchor must be a date like 2024-01-01 or an instant like "
          + "2024-01-01T09:00:00Z, got '" + t + "'", e);
    }
  }
}
