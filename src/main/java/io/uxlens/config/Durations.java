package io.uxlens.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config files and options: 45s, 30m, 2h, 1d, 2w, 500ms or 1h30m. */
public final class Durations {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /** The duration, or null when the text is not one (a bare number is refused: seconds or minutes?). */
  public static Duration parse(String text) {
    String s = text.trim();
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      long v = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(v);
        case "s" -> Duration.ofSeconds(v);
        case "m" -> Duration.ofMinutes(v);
        case "h" -> Duration.ofHours(v);
        case "w" -> Duration.ofDays(7 * v);
        default -> Duration.ofDays(v);
      });
      end = m.end();
    }
    return end == s.length() && end > 0 && !total.isZero() ? total : null;
  }
}
