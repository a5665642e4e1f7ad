package io.uxlens.journey;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One journey: ordered steps (the last one is success), the events that count as errors inside an attempt, the
 * inactivity that ends an attempt as abandoned, and the squad's targets. {@code systemSeries} (optional) is a PromQL
 * expression for a system series that belongs with the journey (its database, its API), which the journey
 * dashboard pairs with the error rate through {@code correlation.system}.
 */
public record JourneyDefinition(
    String id,
    String name,
    String squad,
    List<Step> steps,
    List<String> errors,
    Duration abandonAfter,
    Targets targets,
    String systemSeries) {

  /** A step matched by event name and, optionally, property values (flattened dot paths, compared as text). */
  public record Step(String id, String event, Map<String, String> where) {
    public Step {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(event, "event");
      where = where == null ? Map.of() : Map.copyOf(where);
    }

    public boolean matches(String eventName, Map<String, String> properties) {
      if (!event.equals(eventName)) {
        return false;
      }
      for (Map.Entry<String, String> w : where.entrySet()) {
        if (!w.getValue().equals(properties.get(w.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  /** What the squad aims for; any may be absent. */
  public record Targets(Double completionRate, Double errorRate, Duration timeOnTaskP75) {
    public static final Targets NONE = new Targets(null, null, null);
  }

  /** A journey without a system series. */
  public JourneyDefinition(String id, String name, String squad, List<Step> steps, List<String> errors,
      Duration abandonAfter, Targets targets) {
    this(id, name, squad, steps, errors, abandonAfter, targets, null);
  }

  public JourneyDefinition {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    steps = List.copyOf(steps);
    errors = errors == null ? List.of() : List.copyOf(errors);
    targets = targets == null ? Targets.NONE : targets;
    systemSeries = systemSeries == null || systemSeries.isBlank() ? null : systemSeries.trim();
    if (steps.size() < 2) {
      throw new IllegalArgumentException("a journey needs at least two steps (a start and a success)");
    }
    if (abandonAfter == null || abandonAfter.isZero() || abandonAfter.isNegative()) {
      throw new IllegalArgumentException("abandon_after must be a positive duration");
    }
  }

  public Step step(int index) {
    return steps.get(index);
  }

  public int lastStep() {
    return steps.size() - 1;
  }

  /** Every event name this journey listens to (steps and errors). */
  public Set<String> eventNames() {
    Set<String> names = new HashSet<>(errors);
    steps.forEach(s -> names.add(s.event()));
    return names;
  }

  public boolean isError(String eventName) {
    return errors.contains(eventName);
  }
}
