package io.uxlens.experiment;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** Per-variant data accumulated from the experiment's start up to the end of {@code day}. */
public record DailySnapshot(LocalDate day, Map<String, VariantData> cumulative) {
  public DailySnapshot {
    Objects.requireNonNull(day, "day");
    cumulative = Map.copyOf(cumulative);
  }
}
