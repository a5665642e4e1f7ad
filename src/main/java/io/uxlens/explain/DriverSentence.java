package io.uxlens.explain;

import java.util.Locale;

/**
 * The sentence a driver row reads as: "app_version 2.4.0: -18.0 pts completion (81% -> 63%), 92% of the drop,
 * started 6 min after Release web app 2.4.0".
 */
public final class DriverSentence {
  private DriverSentence() {}

  public static String of(Kpi kpi, Driver d, Double totalChange, Alignment.Aligned aligned) {
    StringBuilder s = new StringBuilder(d.dimension()).append(' ').append(d.segment()).append(": ");
    if (d.change() == null) {
      s.append(d.units0() == 0 ? "new, " : "gone, ").append(level(kpi, d.kpi0() == null ? d.kpi1() : d.kpi0()))
          .append(' ').append(kpi.words());
    } else if (kpi.rate()) {
      s.append(String.format(Locale.ROOT, "%+.1f pts %s (%s -> %s)", d.change() * 100, kpi.words(),
          level(kpi, d.kpi0()), level(kpi, d.kpi1())));
    } else {
      s.append(String.format(Locale.ROOT, "%+.1f s %s (%s -> %s)", d.change(), kpi.words(), level(kpi, d.kpi0()),
          level(kpi, d.kpi1())));
    }
    if (d.share() != null && totalChange != null && totalChange != 0) {
      String move = kpi == Kpi.TIME_ON_TASK_P50 ? (totalChange > 0 ? "slowdown" : "speed-up")
          : totalChange > 0 ? "rise" : "drop";
      s.append(String.format(Locale.ROOT, ", %s %.0f%% of the %s", d.share() >= 0 ? "" : "offsetting",
          Math.abs(d.share()) * 100, move).replace(",  ", ", "));
    }
    if (aligned != null) {
      long minutes = Math.round(aligned.afterMs() / 60_000.0);
      String when = Math.abs(minutes) >= 120 ? String.format(Locale.ROOT, "%.1f h", Math.abs(minutes) / 60.0)
          : Math.abs(minutes) + " min";
      s.append(", started ").append(when).append(minutes >= 0 ? " after " : " before ")
          .append(aligned.annotation().title());
    }
    return s.toString();
  }

  private static String level(Kpi kpi, Double v) {
    if (v == null) {
      return "-";
    }
    return kpi.rate() ? String.format(Locale.ROOT, "%.0f%%", v * 100) : String.format(Locale.ROOT, "%.1f s", v);
  }
}
