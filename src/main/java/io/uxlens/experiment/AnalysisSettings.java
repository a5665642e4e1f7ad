package io.uxlens.experiment;

/**
 * Knobs of the analysis. {@code tau2}: the mSPRT mixing variance in the metric's squared units; null derives it as
 * the square of the absolute minimum detectable effect, else of 10% of the control's value (see tau2For): a
 * mixture centred on effects of the size one cares about. Any fixed positive value keeps the p-values valid.
 */
public record AnalysisSettings(double alpha, double power, Double tau2, double srmThreshold) {
  public static final AnalysisSettings DEFAULT = new AnalysisSettings(0.05, 0.80, null, 0.001);

  public AnalysisSettings {
    if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) || !(srmThreshold > 0 && srmThreshold < 1)) {
      throw new IllegalArgumentException("alpha, power and the SRM threshold must lie in (0, 1)");
    }
    if (tau2 != null && (!(tau2 > 0) || !Double.isFinite(tau2))) {
      throw new IllegalArgumentException("tau2 must be a positive number, got " + tau2);
    }
  }

  public AnalysisSettings withTau2(double value) {
    return new AnalysisSettings(alpha, power, value, srmThreshold);
  }

  /**
   * The mixing variance for a control value. With a zero baseline and no absolute MDE there is no scale to take
   * 10% of; then 0.01^2 (one percentage point) for rates and 1 s^2 for time on task.
   */
  double tau2For(ExperimentDefinition def, double controlValue) {
    if (tau2 != null) {
      return tau2;
    }
    Double d = def.mde() == null ? null : def.mde().absoluteAt(controlValue);
    if (d == null) {
      d = 0.1 * Math.abs(controlValue);
    }
    return d > 0 ? d * d : def.metric().isRate() ? 1e-4 : 1.0;
  }
}
