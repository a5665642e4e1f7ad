package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.JourneyEvent;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one session's events into attempts: a pure function of the event set and the newest event time seen, so
 * any arrival order, and any number of re-runs, gives the same attempts.
 *
 * <p>Rules (docs/DESIGN.md "Journeys", docs/JOURNEYS.md): events are taken in (timestamp, id) order - the id breaks ties so arrival order
 * never matters. An attempt starts at the first step's event when none is open. While open, any event of the
 * journey (a step, a repeat, an error) keeps it alive; the next step in order advances it (Datadog's funnel rule:
 * repeats and out-of-order steps are ignored); the last step completes it. A gap of {@code abandon_after} or more
 * between journey events, or between the last one and the newest event time seen anywhere, ends it as abandoned
 * at its last event. A first-step event inside an open attempt is a repeat, not a new attempt.
 */
public final class AttemptBuilder {
  private static final Comparator<JourneyEvent> ORDER =
      Comparator.comparingLong(JourneyEvent::timestamp).thenComparing(JourneyEvent::id);

  private AttemptBuilder() {}

  /** Attempts of every journey for one session's events (any order; unrelated events are ignored). */
  public static List<Attempt> build(JourneyDefinitions journeys, List<JourneyEvent> sessionEvents, long newestSeen) {
    List<JourneyEvent> sorted = new ArrayList<>(sessionEvents);
    sorted.sort(ORDER);
    List<Attempt> out = new ArrayList<>();
    for (JourneyDefinition j : journeys.all()) {
      out.addAll(build(j, sorted, newestSeen));
    }
    return out;
  }

  static List<Attempt> build(JourneyDefinition j, List<JourneyEvent> sorted, long newestSeen) {
    long gap = j.abandonAfter().toMillis();
    List<Attempt> out = new ArrayList<>();
    Open open = null;
    for (JourneyEvent e : sorted) {
      boolean error = j.isError(e.name());
      boolean first = j.step(0).matches(e.name(), e.properties());
      if (!error && !first && !matchesAnyStep(j, e)) {
        continue;
      }
      if (open != null && e.timestamp() - open.lastEvent >= gap) {
        out.add(open.finish(Outcome.ABANDONED, open.lastEvent, null));
        open = null;
      }
      if (open == null) {
        if (first && !error) {
          open = new Open(j, e);
        }
        continue;
      }
      open.lastEvent = e.timestamp();
      open.addContext(e);
      if (error) {
        open.errorSteps.add(j.step(open.reached).id());
        continue;
      }
      int next = open.reached + 1;
      if (j.step(next).matches(e.name(), e.properties())) {
        open.reached = next;
        open.stepTimes.add(e.timestamp());
        if (next == j.lastStep()) {
          out.add(open.finish(Outcome.COMPLETED, e.timestamp(), null));
          open = null;
        }
      }
    }
    if (open != null) {
      long deadline = open.lastEvent + gap;
      out.add(newestSeen >= deadline
          ? open.finish(Outcome.ABANDONED, open.lastEvent, null)
          : open.finish(Outcome.IN_PROGRESS, null, deadline));
    }
    return out;
  }

  private static boolean matchesAnyStep(JourneyDefinition j, JourneyEvent e) {
    for (JourneyDefinition.Step s : j.steps()) {
      if (s.matches(e.name(), e.properties())) {
        return true;
      }
    }
    return false;
  }

  /** An attempt being built. */
  private static final class Open {
    final JourneyDefinition journey;
    final JourneyEvent startEvent;
    final List<Long> stepTimes = new ArrayList<>();
    final List<String> errorSteps = new ArrayList<>();
    final Map<String, String> context = new LinkedHashMap<>();
    String userId;
    int reached;
    long lastEvent;

    Open(JourneyDefinition journey, JourneyEvent start) {
      this.journey = journey;
      this.startEvent = start;
      this.stepTimes.add(start.timestamp());
      this.lastEvent = start.timestamp();
      addContext(start);
    }

    /** First value seen per dimension, in event order: the start event's context wins. */
    void addContext(JourneyEvent e) {
      e.dimensions().forEach(context::putIfAbsent);
      if (userId == null) {
        userId = e.userId();
      }
    }

    Attempt finish(Outcome outcome, Long end, Long deadline) {
      String id = journey.id() + "|" + startEvent.sessionKey() + "|" + startEvent.timestamp() + "|"
          + startEvent.id();
      return new Attempt(id, journey.id(), startEvent.sessionKey(), startEvent.sessionId(), userId,
          startEvent.timestamp(), end, lastEvent, deadline, outcome, reached, journey.step(reached).id(),
          stepTimes, errorSteps.size(), errorSteps, context, Performance.NONE);
    }
  }
}
