package io.uxlens.journey;

import io.uxlens.model.Measurement;
import io.uxlens.model.Performance;
import io.uxlens.model.Span;
import java.util.List;

/**
 * The performance a session saw during an attempt: spans starting, measurements taken and browser JS errors
 * thrown in [start, end] (end = last event while in progress). Web vitals and memory report the worst value (max) seen,
 * render delay the mean, so one slow screen is not averaged away for vitals but a render figure stays typical.
 */
public final class PerformanceWindow {
  private PerformanceWindow() {}

  public static Performance of(long from, long to, List<Span> spans, List<Measurement> measurements) {
    return of(from, to, spans, measurements, List.of());
  }

  /** As above, with the times of the session's JS errors (Faro exceptions). */
  public static Performance of(long from, long to, List<Span> spans, List<Measurement> measurements,
      List<Long> jsErrorTimes) {
    int count = 0;
    int http5xx = 0;
    int errors = 0;
    double total = 0;
    double max = 0;
    double db = 0;
    for (Span s : spans) {
      if (s.start() < from || s.start() > to) {
        continue;
      }
      count++;
      total += s.durationMs();
      max = Math.max(max, s.durationMs());
      if (s.dbSystem() != null) {
        db += s.durationMs();
      }
      if (s.httpStatus() != null && s.httpStatus() >= 500) {
        http5xx++;
      }
      if (s.error()) {
        errors++;
      }
    }
    Stat render = new Stat();
    Stat lcp = new Stat();
    Stat inp = new Stat();
    Stat cls = new Stat();
    Stat memory = new Stat();
    for (Measurement m : measurements) {
      if (m.timestamp() < from || m.timestamp() > to) {
        continue;
      }
      switch (m.name()) {
        case "render_ms", "render" -> render.add(m.value());
        case "lcp" -> lcp.add(m.value());
        case "inp" -> inp.add(m.value());
        case "cls" -> cls.add(m.value());
        case "memory_mb", "memory" -> memory.add(m.value());
        default -> { }
      }
    }
    int jsErrors = (int) jsErrorTimes.stream().filter(t -> t >= from && t <= to).count();
    return new Performance(count, total, max, db, http5xx, errors, render.mean(), lcp.max(), inp.max(), cls.max(),
        memory.max(), jsErrors);
  }

  private static final class Stat {
    int n;
    double sum;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
      n++;
      sum += v;
      max = Math.max(max, v);
    }

    Double mean() {
      return n == 0 ? null : sum / n;
    }

    Double max() {
      return n == 0 ? null : max;
    }
  }
}
