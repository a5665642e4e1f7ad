package io.uxlens.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an experiment is judged on. Rates are shares of finished attempts (completed + abandoned), as in
 * docs/DESIGN.md "Journeys"; time on task is seconds of completed attempts, compared by mean.
 */
public enum ExperimentKpi {
  COMPLETION_RATE(true, false),
  ABANDONMENT_RATE(true, true),
  ERROR_RATE(true, true),
  TIME_ON_TASK(false, true);

  private final boolean rate;
  private final boolean lowerIsBetter;

  ExperimentKpi(boolean rate, boolean lowerIsBetter) {
    this.rate = rate;
    this.lowerIsBetter = lowerIsBetter;
  }

  public boolean isRate() {
    return rate;
  }

  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** The name used in YAML and on the wire, e.g. {@code completion_rate}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ExperimentKpi> ofWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
  }

  public static String wireNames() {
    return Arrays.stream(values()).map(ExperimentKpi::wireName).collect(Collectors.joining(", "));
  }
}
