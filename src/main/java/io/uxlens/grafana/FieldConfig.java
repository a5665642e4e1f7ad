package io.uxlens.grafana;

import java.util.List;

/**
 * Display hints Grafana honours: a unit id ("ms", "percentunit", "none"...), the display name the data source
 * proposes, and optional absolute thresholds. Every part may be null/empty.
 */
public record FieldConfig(String unit, String displayNameFromDS, Integer decimals, List<Threshold> thresholds) {
  public static final FieldConfig NONE = new FieldConfig(null, null, null, List.of());

  public FieldConfig {
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
  }

  public static FieldConfig unit(String unit) {
    return new FieldConfig(unit, null, null, List.of());
  }

  public FieldConfig withDisplayName(String name) {
    return new FieldConfig(unit, name, decimals, thresholds);
  }

  public FieldConfig withThresholds(List<Threshold> steps) {
    return new FieldConfig(unit, displayNameFromDS, decimals, steps);
  }

  public boolean empty() {
    return unit == null && displayNameFromDS == null && decimals == null && thresholds.isEmpty();
  }
}
