package io.uxlens.dashboards;

import java.util.List;
import java.util.Objects;

/**
 * What a dashboard needs to know about a journey: id, name, squad, step ids in order and its targets
 * (rates as ratios, time on task p75 in seconds; null when not set), and the PromQL of its system series (null:
 * none).
 */
public record JourneySpec(String id, String name, String squad, List<String> steps, Double completionTarget,
                          Double errorTarget, Double timeOnTaskP75Target, String systemSeries) {
  public JourneySpec(String id, String name, String squad, List<String> steps, Double completionTarget,
      Double errorTarget, Double timeOnTaskP75Target) {
    this(id, name, squad, steps, completionTarget, errorTarget, timeOnTaskP75Target, null);
  }

  public JourneySpec {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    steps = List.copyOf(steps);
  }

  /** Abandonment target implied by the completion target (the two add up to 1 over finished attempts). */
  public Double abandonmentTarget() {
    return completionTarget == null ? null : Math.round((1 - completionTarget) * 1e6) / 1e6;
  }
}
