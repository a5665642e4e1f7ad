package io.uxlens.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * When things happen in the demo history, from the anchor "now" and the number of days: app releases and their
 * adoption, the checkout deploy that slows the database for an hour, the experiment start. Pure arithmetic on the
 * anchor, so the same anchor and days give the same timeline.
 */
public record DemoTimeline(long start, long now, long deployAt, long incidentEnd, long experimentStart,
                           List<Release> releases) {
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  /** The incident after the checkout deploy lasts this long, then a rollback ends it. */
  static final long INCIDENT = HOUR;

  /** An app version and when it shipped; users move to it gradually. */
  public record Release(String version, long at) {}

  public DemoTimeline {
    releases = List.copyOf(releases);
  }

  public static DemoTimeline of(long now, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1");
    }
    long start = now - days * DAY;
    long span = now - start;
    List<Release> releases = List.of(
        new Release("2.3.9", start - 30 * DAY),
        new Release("2.4.0", morning(start + span / 5, now)),
        new Release("2.4.1", morning(start + span * 3 / 5, now)));
    long deploy = deployTime(start, now);
    return new DemoTimeline(start, now, deploy, deploy + INCIDENT, start + MINUTE, releases);
  }

  /** Releases ship at 09:00 UTC, when users are there to adopt them: the next one at or after t (t if too late). */
  private static long morning(long t, long now) {
    long nine = Math.floorDiv(t, DAY) * DAY + 9 * HOUR;
    long next = nine >= t ? nine : nine + DAY;
    return next + HOUR <= now ? next : t;
  }

  /** 14:00 UTC on a weekday near the middle of the history, at least 90 minutes before now. */
  private static long deployTime(long start, long now) {
    long mid = start + (now - start) / 2;
    long d = Math.floorDiv(mid, DAY) * DAY + 14 * HOUR;
    while ((d + 90 * MINUTE > now || weekend(d)) && d - DAY >= start) {
      d -= DAY;
    }
    if (d + 90 * MINUTE > now || d < start) {
      d = Math.max(start, now - 3 * HOUR);
    }
    return d;
  }

  static boolean weekend(long t) {
    DayOfWeek d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }

  static int hourOfDay(long t) {
    return (int) (Math.floorMod(t, DAY) / HOUR);
  }

  /**
   * True in the last quarter of the history (at most the last two days) and in live traffic: marketplace merchants
   * start importing their whole catalogues, so large files (slow to process, often abandoned) become common.
   */
  public boolean largeCatalogues(long t) {
    return t >= now - Math.min(2 * DAY, (now - start) / 4);
  }

  /** In live traffic the orders database has a slowdown of this length every {@link #LIVE_CYCLE}. */
  static final long LIVE_SLOWDOWN = 5 * MINUTE;
  static final long LIVE_CYCLE = 30 * MINUTE;

  /**
   * True during the hour after the checkout deploy, and in live traffic (after now) during the orders database's
   * recurring slowdowns: the last {@link #LIVE_SLOWDOWN} of every {@link #LIVE_CYCLE}, so a running demo keeps
   * giving checkout error spikes that a system series can be correlated with.
   */
  public boolean incident(long t) {
    if (t >= now) {
      return Math.floorMod(t - now, LIVE_CYCLE) >= LIVE_CYCLE - LIVE_SLOWDOWN;
    }
    return t >= deployAt && t < incidentEnd;
  }

  /**
   * The app version of a session at {@code t}, given a uniform draw {@code u}: each release is adopted with
   * share 1 - exp(-age / tau), newest first; the rest stays on older versions.
   */
  public String appVersion(long t, double u) {
    double tau = Math.max(6 * HOUR, (now - start) / 10.0);
    for (int i = releases.size() - 1; i > 0; i--) {
      Release r = releases.get(i);
      if (t < r.at()) {
        continue;
      }
      double share = 1 - Math.exp(-(t - r.at()) / tau);
      if (u < share) {
        return r.version();
      }
      u = (u - share) / (1 - share);
    }
    return releases.get(0).version();
  }
}
