package io.uxlens.correlate;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.LastSeen;
import io.uxlens.model.Attempt;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an attempt's session did while it waited for a step. The window for step i opens when step i-1 was reached
 * and closes when step i was, or, for an attempt lost there, when abandonment was declared (its last journey event
 * plus the journey's abandon_after, see {@link LastSeen}): everything the session did before that was still this
 * attempt.
 */
final class StepWindows {
  private final Function<Attempt, List<Span>> spansOf;
  private final long abandonAfterMs;

  /** With the spans of the attempts' sessions (session id to spans). */
  StepWindows(JourneyDefinition journey, Map<String, List<Span>> spansBySession) {
    this(journey, a -> a.sessionId() == null ? null : spansBySession.get(a.sessionId()));
  }

  /** With each attempt's spans: its session's, or at least those in its window ({@link Attempt#windowSpans()}). */
  StepWindows(JourneyDefinition journey, Function<Attempt, List<Span>> spansOf) {
    this.spansOf = spansOf;
    this.abandonAfterMs = journey.abandonAfter().toMillis();
  }

  /** The spans of the lost attempts' windows and of the reaching attempts' windows for step i. */
  record Spans(List<Span> lost, List<Span> reached) {}

  /** When the attempt was last seen: as the sessionizer stored it, else by the same rule from the spans at hand. */
  long abandonment(Attempt a) {
    if (a.lastSeen() != null) {
      return a.lastSeen();
    }
    List<Span> all = spansOf.apply(a);
    return LastSeen.of(a, all == null ? List.of() : all, abandonAfterMs);
  }

  /** Seconds the attempt waited for step i: its latency when reached, else until abandonment (censored). */
  double waitSeconds(Attempt a, int i) {
    Double latency = a.stepLatencySeconds(i);
    return latency != null ? latency : (abandonment(a) - a.stepTimes().get(i - 1)) / 1000.0;
  }

  Spans spansInWindows(List<Attempt> faced, int i) {
    List<Span> lost = new ArrayList<>();
    List<Span> reached = new ArrayList<>();
    for (Attempt a : faced) {
      long from = a.stepTimes().get(i - 1);
      if (a.lastStepIndex() >= i) {
        reached.addAll(spans(a, from, a.stepTimes().get(i)));
      } else {
        lost.addAll(spans(a, from, a.end() + abandonAfterMs));
      }
    }
    return new Spans(lost, reached);
  }

  /** The session's spans starting in [from, to). */
  private List<Span> spans(Attempt a, long from, long to) {
    List<Span> all = spansOf.apply(a);
    if (all == null) {
      return List.of();
    }
    return all.stream().filter(s -> s.start() >= from && s.start() < to).toList();
  }
}
