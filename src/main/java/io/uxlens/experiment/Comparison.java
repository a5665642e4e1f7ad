package io.uxlens.experiment;

/**
 * One variant against control: the absolute difference (variant - control) and the relative lift
 * (variant / control - 1), each with a confidence interval, and the two-sided fixed-horizon p-value of "no
 * difference". {@code relative*} are null when the control value is zero (a ratio to zero has no meaning).
 * {@code df} is the Welch-Satterthwaite degrees of freedom for means, null for proportions (normal theory).
 * {@code variance} is the estimated variance of the absolute difference, which the sequential test reuses.
 */
public record Comparison(
    double absolute, double absoluteLow, double absoluteHigh,
    Double relative, Double relativeLow, Double relativeHigh,
    double pValue, Double df, double variance) {

  public Comparison {
    requireFinite(absolute, "absolute");
    requireFinite(absoluteLow, "absoluteLow");
    requireFinite(absoluteHigh, "absoluteHigh");
    requireFinite(variance, "variance");
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("pValue must be in [0, 1], got " + pValue);
    }
    if ((relative == null) != (relativeLow == null) || (relative == null) != (relativeHigh == null)) {
      throw new IllegalArgumentException("relative lift and its interval are present together or not at all");
    }
    if (relative != null) {
      requireFinite(relative, "relative");
      requireFinite(relativeLow, "relativeLow");
      requireFinite(relativeHigh, "relativeHigh");
    }
  }

  private static void requireFinite(double v, String name) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
  }
}
