package io.uxlens.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One try at a journey within a session. {@code end} is the success time for completed attempts and the last
 * journey event's time for abandoned ones; null while in progress. {@code stepTimes.get(i)} is when step i was
 * first reached (in order), so {@code stepTimes.size() - 1} is the last step reached. {@code errorSteps} lists, per
 * error, the id of the last step reached when it happened. {@code lastSeen} is when the session was last seen in the
 * attempt: its end, or for an abandoned attempt later when its session's spans show it still waiting (null: not
 * measured, read as the end). {@code windowSpans} are the session's spans in the attempt's window, timings only
 * ({@link Span#timing()}): from its start to its end, or for an abandoned attempt to its end plus the journey's
 * abandon_after; null when not read with it.
 */
public record Attempt(
    String id,
    String journey,
    String sessionKey,
    String sessionId,
    String userId,
    long start,
    Long end,
    long lastEvent,
    Long deadline,
    Outcome outcome,
    int lastStepIndex,
    String lastStepId,
    List<Long> stepTimes,
    int errorCount,
    List<String> errorSteps,
    Map<String, String> context,
    Performance performance,
    Long lastSeen,
    List<Span> windowSpans) {

  /** An attempt whose last sighting is its end (no spans read yet). */
  public Attempt(String id, String journey, String sessionKey, String sessionId, String userId, long start, Long end,
                 long lastEvent, Long deadline, Outcome outcome, int lastStepIndex, String lastStepId,
                 List<Long> stepTimes, int errorCount, List<String> errorSteps, Map<String, String> context,
                 Performance performance) {
    this(id, journey, sessionKey, sessionId, userId, start, end, lastEvent, deadline, outcome, lastStepIndex,
        lastStepId, stepTimes, errorCount, errorSteps, context, performance, null, null);
  }

  /** An attempt without its window's spans. */
  public Attempt(String id, String journey, String sessionKey, String sessionId, String userId, long start, Long end,
                 long lastEvent, Long deadline, Outcome outcome, int lastStepIndex, String lastStepId,
                 List<Long> stepTimes, int errorCount, List<String> errorSteps, Map<String, String> context,
                 Performance performance, Long lastSeen) {
    this(id, journey, sessionKey, sessionId, userId, start, end, lastEvent, deadline, outcome, lastStepIndex,
        lastStepId, stepTimes, errorCount, errorSteps, context, performance, lastSeen, null);
  }

  public Attempt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    stepTimes = List.copyOf(stepTimes);
    errorSteps = List.copyOf(errorSteps);
    context = context == null ? Map.of() : Map.copyOf(context);
    performance = performance == null ? Performance.NONE : performance;
    windowSpans = windowSpans == null ? null : List.copyOf(windowSpans);
    if (stepTimes.size() != lastStepIndex + 1) {
      throw new IllegalArgumentException("stepTimes must hold one time per reached step");
    }
    if ((end == null) != (outcome == Outcome.IN_PROGRESS)) {
      throw new IllegalArgumentException("end is set exactly when the attempt is finished");
    }
  }

  /** Seconds from start to success; null unless completed. */
  public Double timeOnTaskSeconds() {
    return outcome == Outcome.COMPLETED ? (end - start) / 1000.0 : null;
  }

  /** Seconds from step i-1 to step i; null when step i was not reached. */
  public Double stepLatencySeconds(int i) {
    return i < 1 || i >= stepTimes.size() ? null : (stepTimes.get(i) - stepTimes.get(i - 1)) / 1000.0;
  }

  /** The end of the window performance is read over: the end, or the last event while in progress. */
  public long windowEnd() {
    return end != null ? end : lastEvent;
  }

  /** When the session was last seen in the attempt: {@code lastSeen}, else the window's end. */
  public long seenUntil() {
    return lastSeen != null ? lastSeen : windowEnd();
  }

  public Attempt withPerformance(Performance p) {
    return new Attempt(id, journey, sessionKey, sessionId, userId, start, end, lastEvent, deadline, outcome,
        lastStepIndex, lastStepId, stepTimes, errorCount, errorSteps, context, p, lastSeen, windowSpans);
  }

  public Attempt withLastSeen(Long seen) {
    return new Attempt(id, journey, sessionKey, sessionId, userId, start, end, lastEvent, deadline, outcome,
        lastStepIndex, lastStepId, stepTimes, errorCount, errorSteps, context, performance, seen, windowSpans);
  }

  public Attempt withWindowSpans(List<Span> spans) {
    return new Attempt(id, journey, sessionKey, sessionId, userId, start, end, lastEvent, deadline, outcome,
        lastStepIndex, lastStepId, stepTimes, errorCount, errorSteps, context, performance, lastSeen, spans);
  }
}
