package io.uxlens.explain;

import io.uxlens.Refusal;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.util.Arrays;
import java.util.List;

/**
 * The journey KPIs whose moves the drivers table explains. Every KPI is read as a share of units with a yes/no
 * outcome, so one additive decomposition serves them all: the rates are shares of finished attempts; the median
 * time on task is not additive, so its move is explained through the share of completed attempts slower than the
 * comparison window's median (0.5 there by construction; it rises exactly when the median rises).
 */
public enum Kpi {
  COMPLETION_RATE("completion_rate", "completion"),
  ERROR_RATE("error_rate", "error rate"),
  ABANDONMENT_RATE("abandonment_rate", "abandonment"),
  TIME_ON_TASK_P50("time_on_task_p50", "time on task p50");

  private final String wire;
  private final String words;

  Kpi(String wire, String words) {
    this.wire = wire;
    this.words = words;
  }

  public String wire() {
    return wire;
  }

  /** How a sentence names it ("-18 pts completion"). */
  public String words() {
    return words;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Kpi::wire).toList();
  }

  /** The KPI named {@code name}; a 400 on {@code field} naming the valid ones otherwise. */
  public static Kpi parse(String name, String field) {
    for (Kpi k : values()) {
      if (k.wire.equals(name)) {
        return k;
      }
    }
    throw Refusal.badRequest(field, "unknown KPI '" + name + "'; valid: " + String.join(", ", names()));
  }

  /** Whether the attempt is a unit of this KPI: finished attempts for the rates, completed ones for time on task. */
  public boolean counts(Attempt a) {
    return this == TIME_ON_TASK_P50 ? a.outcome() == Outcome.COMPLETED : a.outcome() != Outcome.IN_PROGRESS;
  }

  /** The KPI's own value per unit: 1/0 for the rates, seconds for time on task. */
  public double value(Attempt a) {
    return switch (this) {
      case COMPLETION_RATE -> a.outcome() == Outcome.COMPLETED ? 1 : 0;
      case ABANDONMENT_RATE -> a.outcome() == Outcome.ABANDONED ? 1 : 0;
      case ERROR_RATE -> a.errorCount() > 0 ? 1 : 0;
      case TIME_ON_TASK_P50 -> a.timeOnTaskSeconds();
    };
  }

  /**
   * The yes/no outcome decomposed: the rate's own outcome, or for time on task "slower than {@code median}" (the
   * comparison window's median).
   */
  public boolean hit(Attempt a, double median) {
    return this == TIME_ON_TASK_P50 ? a.timeOnTaskSeconds() > median : value(a) == 1;
  }

  /** The KPI of a group of units' values: their mean (a rate), or their median (lower: rank floor(0.5 (n - 1))). */
  public Double of(double[] values) {
    if (values.length == 0) {
      return null;
    }
    if (this != TIME_ON_TASK_P50) {
      return Arrays.stream(values).sum() / values.length;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(sorted.length - 1) / 2];
  }

  /**
   * Whether a dimension is this KPI's own outcome and so explains every move trivially: whether an error was seen
   * is the error rate itself, and the last step reached tells completed from abandoned attempts.
   */
  public boolean isOutcome(String dimension) {
    return switch (this) {
      case ERROR_RATE -> dimension.equals("error_seen");
      case COMPLETION_RATE, ABANDONMENT_RATE -> dimension.equals("last_step");
      case TIME_ON_TASK_P50 -> false;
    };
  }

  public boolean rate() {
    return this != TIME_ON_TASK_P50;
  }
}
