package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.Span;
import java.util.List;

/**
 * When an attempt's session was last seen in it. Abandoned attempts: their last journey event, or later when the
 * session's spans that started after the last step reached, before abandonment was declared (last event plus the
 * journey's abandon_after), show it still there (a request still running while the user waited). Others: their
 * end. The wait of an attempt lost at a step ends here (see correlate.Bottlenecks).
 */
public final class LastSeen {
  private LastSeen() {}

  public static long of(Attempt a, List<Span> sessionSpans, long abandonAfterMs) {
    if (a.outcome() != Outcome.ABANDONED) {
      return a.windowEnd();
    }
    long from = a.stepTimes().get(a.lastStepIndex());
    long to = a.end() + abandonAfterMs;
    long last = a.end();
    for (Span s : sessionSpans) {
      if (s.start() >= from && s.start() < to) {
        last = Math.max(last, s.start() + (long) Math.ceil(s.durationMs()));
      }
    }
    return last;
  }
}
