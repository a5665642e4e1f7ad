package io.uxlens.grafana;

import java.util.List;

/**
 * Display hints Grafana honours: a unit id ("ms", "percentunit", "none"...), the display name the data source
 * proposes, optional absolute thresholds, and whether graphs should hide the field (it then shows in tooltips
 * only: denominators ride along with their rate that way). Every part may be null/empty.
 */
public record FieldConfig(String unit, String displayNameFromDS, Integer decimals, List<Threshold> thresholds,
    boolean hiddenInGraphs) {
  public static final FieldConfig NONE = new FieldConfig(null, null, null, List.of(), false);

  public FieldConfig {
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
  }

  public static FieldConfig unit(String unit) {
    return new FieldConfig(unit, null, null, List.of(), false);
  }

  public FieldConfig withDisplayName(String name) {
    return new FieldConfig(unit, name, decimals, thresholds, hiddenInGraphs);
  }

  public FieldConfig withThresholds(List<Threshold> steps) {
    return new FieldConfig(unit, displayNameFromDS, decimals, steps, hiddenInGraphs);
  }

  public FieldConfig hidden() {
    return new FieldConfig(unit, displayNameFromDS, decimals, thresholds, true);
  }

  public boolean empty() {
    return unit == null && displayNameFromDS == null && decimals == null && thresholds.isEmpty() && !hiddenInGraphs;
  }
}
