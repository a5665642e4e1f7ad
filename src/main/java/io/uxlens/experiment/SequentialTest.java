package io.uxlens.experiment;

/**
 * Always-valid inference by the mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis and
 * Walsh, "Peeking at A/B Tests" (KDD 2017; Optimizely's Stats Engine). With a N(0, tau^2) mixture over the true
 * difference theta and an estimate thetaHat of variance V (here V = Var(variant) + Var(control) from the current
 * data), the mixture likelihood ratio against theta = 0 is
 * <pre>  Lambda = sqrt(V / (V + tau^2)) * exp(tau^2 thetaHat^2 / (2 V (V + tau^2)))</pre>
 * and the always-valid p-value is the running minimum of min(1, 1/Lambda) over looks. Because Lambda is a
 * nonnegative martingale under the null, P(ever p <= alpha) <= alpha (Ville's inequality), whatever the looks.
 * A single look's min(1, 1/Lambda) is never below the running minimum, so it is valid (conservative) on its own.
 */
public final class SequentialTest {
  private SequentialTest() {}

  /** min(1, 1/Lambda) at one look; computed in logs so large samples do not overflow. */
  public static double pValue(double thetaHat, double variance, double tau2) {
    check(variance, tau2);
    if (variance == 0) {
      return thetaHat == 0 ? 1.0 : 0.0;
    }
    double logLambda = 0.5 * Math.log(variance / (variance + tau2))
        + tau2 * thetaHat * thetaHat / (2 * variance * (variance + tau2));
    return Math.exp(-Math.max(0.0, logLambda));
  }

  /** Always-valid p-values over successive looks: the running minimum of {@link #pValue}. */
  public static double[] pValues(double[] thetaHats, double[] variances, double tau2) {
    if (thetaHats.length != variances.length) {
      throw new IllegalArgumentException("one variance per estimate is required");
    }
    double[] out = new double[thetaHats.length];
    double running = 1.0;
    for (int i = 0; i < out.length; i++) {
      running = Math.min(running, pValue(thetaHats[i], variances[i], tau2));
      out[i] = running;
    }
    return out;
  }

  /**
   * Half-width of the (1 - alpha) always-valid confidence interval at one look: the set of theta0 whose mSPRT
   * has not rejected, thetaHat +- sqrt(V (V + tau^2) / tau^2 * (2 ln(1/alpha) + ln((V + tau^2) / V))).
   */
  public static double halfWidth(double variance, double tau2, double alpha) {
    check(variance, tau2);
    if (variance == 0) {
      return 0;
    }
    return Math.sqrt(variance * (variance + tau2) / tau2
        * (2 * Math.log(1 / alpha) + Math.log((variance + tau2) / variance)));
  }

  private static void check(double variance, double tau2) {
    if (!(variance >= 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("variance must be finite and non-negative, got " + variance);
    }
    if (!(tau2 > 0) || !Double.isFinite(tau2)) {
      throw new IllegalArgumentException("mixing variance tau^2 must be positive, got " + tau2);
    }
  }
}
