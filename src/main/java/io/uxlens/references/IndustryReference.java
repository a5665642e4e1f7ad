package io.uxlens.references;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/** An industry reference value for one KPI, with where it comes from. */
public record IndustryReference(String kpi, double value, String unit, boolean higherIsBetter, String source, String url) {
  private static final Pattern KPI = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

  @JsonCreator
  public IndustryReference(
      @JsonProperty(value = "kpi", required = true) String kpi,
      @JsonProperty(value = "value", required = true) Double value,
      @JsonProperty("unit") String unit,
      @JsonProperty(value = "higher_is_better", required = true) Boolean higherIsBetter,
      @JsonProperty(value = "source", required = true) String source,
      @JsonProperty("url") String url) {
    this(kpi, check(value), unit, checkDirection(higherIsBetter), source, url);
  }

  public IndustryReference {
    if (kpi == null || !KPI.matcher(kpi).matches()) {
      throw new IllegalArgumentException("kpi: must match " + KPI.pattern() + ", got " + kpi);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: must be a finite number (kpi " + kpi + ")");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source: every benchmark needs its source (kpi " + kpi + ")");
    }
    unit = unit == null ? "" : unit;
    source = source.strip();
  }

  /** True when {@code v} is at least as good as this benchmark. */
  public boolean met(double v) {
    return higherIsBetter ? v >= value : v <= value;
  }

  private static double check(Double value) {
    if (value == null) {
      throw new IllegalArgumentException("value: required");
    }
    return value;
  }

  private static boolean checkDirection(Boolean higherIsBetter) {
    if (higherIsBetter == null) {
      throw new IllegalArgumentException("higher_is_better: required (true or false)");
    }
    return higherIsBetter;
  }
}
