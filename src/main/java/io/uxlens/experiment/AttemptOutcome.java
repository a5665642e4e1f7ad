package io.uxlens.experiment;

import io.uxlens.model.Exposure;
import java.util.Objects;

/**
 * The little the experiment analysis needs to know about one journey attempt, whatever engine produced it.
 * {@code unitId} must be built like {@link Exposure#unitId()} (user id, else anonymous id). {@code errored}
 * counts only for finished attempts; {@code timeOnTaskSeconds} only for completed ones (null when unknown).
 */
public record AttemptOutcome(String unitId, long startMs, Outcome outcome, boolean errored,
                             Double timeOnTaskSeconds) {
  public enum Outcome { COMPLETED, ABANDONED, IN_PROGRESS }

  public AttemptOutcome {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(outcome, "outcome");
    if (timeOnTaskSeconds != null && !(timeOnTaskSeconds >= 0 && Double.isFinite(timeOnTaskSeconds))) {
      throw new IllegalArgumentException("time on task must be a finite number >= 0, got " + timeOnTaskSeconds);
    }
  }
}
