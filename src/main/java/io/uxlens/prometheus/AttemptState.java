package io.uxlens.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * What the journey counters need to know of one attempt, so that the journey engine can hand over its attempts
 * without this package depending on it. {@code stepIds.get(i)} was reached at {@code stepTimes.get(i)} (epoch ms,
 * in step order); {@code errorSteps} holds one entry per error event, the step reached when it happened (null when
 * none); {@code outcome} is an Outcome code (completed, abandoned, in_progress).
 */
public record AttemptState(String id, String journey, String outcome, List<String> stepIds, List<Long> stepTimes,
    List<String> errorSteps, long start, Long end) {

  public AttemptState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(outcome, "outcome");
    stepIds = List.copyOf(stepIds);
    stepTimes = List.copyOf(stepTimes);
    errorSteps = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(errorSteps));
    if (stepIds.size() != stepTimes.size()) {
      throw new IllegalArgumentException("stepIds and stepTimes differ in length");
    }
  }

  boolean finished() {
    return JourneyMetrics.OUTCOMES.contains(outcome);
  }
}
