package io.uxlens.grafana;

import java.util.List;

/**
 * Display hints Grafana honours: a unit id ("ms", "percentunit", "none"...), the display name the data source
 * proposes, the value range of the axis and gauges (min, max: a score's scale, so -100..100 stays put whatever
 * the data), optional absolute thresholds, and whether graphs should hide the field (it then shows in tooltips
 * only: denominators ride along with their rate that way). Every part may be null/empty.
 */
public record FieldConfig(String unit, String displayNameFromDS, Integer decimals, Double min, Double max,
    List<Threshold> thresholds, boolean hiddenInGraphs) {
  public static final FieldConfig NONE = new FieldConfig(null, null, null, null, null, List.of(), false);

  public FieldConfig {
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    if (min != null && max != null && !(min < max)) {
      throw new IllegalArgumentException("field config min must be below max, got " + min + ".." + max);
    }
  }

  public static FieldConfig unit(String unit) {
    return new FieldConfig(unit, null, null, null, null, List.of(), false);
  }

  public FieldConfig withDisplayName(String name) {
    return new FieldConfig(unit, name, decimals, min, max, thresholds, hiddenInGraphs);
  }

  public FieldConfig withRange(Double low, Double high) {
    return new FieldConfig(unit, displayNameFromDS, decimals, low, high, thresholds, hiddenInGraphs);
  }

  public FieldConfig withThresholds(List<Threshold> steps) {
    return new FieldConfig(unit, displayNameFromDS, decimals, min, max, steps, hiddenInGraphs);
  }

  public FieldConfig hidden() {
    return new FieldConfig(unit, displayNameFromDS, decimals, min, max, thresholds, true);
  }

  public boolean empty() {
    return unit == null && displayNameFromDS == null && decimals == null && min == null && max == null
        && thresholds.isEmpty() && !hiddenInGraphs;
  }
}
