package io.uxlens.experiment;

/**
 * The smallest effect worth detecting. Absolute: in the metric's own unit (a rate difference as a fraction, so
 * 0.02 = 2 percentage points; seconds for time on task). Relative: a fraction of the control's value
 * (0.10 = a 10% change). Direction does not matter; sample sizes are for a two-sided test.
 */
public record MinimumDetectableEffect(double value, boolean relative) {
  public MinimumDetectableEffect {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("minimum detectable effect must be a positive number, got " + value);
    }
  }

  public static MinimumDetectableEffect absolute(double value) {
    return new MinimumDetectableEffect(value, false);
  }

  public static MinimumDetectableEffect relative(double value) {
    return new MinimumDetectableEffect(value, true);
  }

  /** The effect as an absolute difference given the control's value (null if relative to a zero baseline). */
  public Double absoluteAt(double controlValue) {
    if (!relative) {
      return value;
    }
    double d = Math.abs(controlValue) * value;
    return d > 0 ? d : null;
  }
}
