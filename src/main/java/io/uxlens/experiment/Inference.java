package io.uxlens.experiment;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Fixed-horizon inference used by the experiment analysis: pure functions over summary statistics, with the
 * distributions from Hipparchus. Index 1 is control, index 2 the variant; differences are variant - control.
 */
public final class Inference {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private Inference() {}

  /**
   * Two proportions x1/n1 (control) and x2/n2 (variant): unpooled (Wald) z interval and z-test, and the delta
   * method for the relative lift p2/p1 - 1. When both observed rates sit at 0 or 1 the unpooled standard error is
   * zero; the pooled one is used for the test then, so a 0/n vs n/n split still gets a finite, tiny p-value, and
   * it is also the variance returned, so the sequential test does not read a zero variance as certainty (1/1
   * against 0/1 would otherwise be "always-valid significant").
   */
  public static Comparison twoProportions(long x1, long n1, long x2, long n2, double confidence) {
    checkCounts(x1, n1, "control");
    checkCounts(x2, n2, "variant");
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double v1 = p1 * (1 - p1) / n1;
    double v2 = p2 * (1 - p2) / n2;
    double diff = p2 - p1;
    double variance = v1 + v2;
    double se = Math.sqrt(variance);
    double z = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double testSe = se;
    if (testSe == 0) {
      double pooled = (double) (x1 + x2) / (n1 + n2);
      testSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    }
    double p = testSe == 0 ? 1.0 : 2 * NORMAL.cumulativeProbability(-Math.abs(diff) / testSe);
    Double[] rel = relative(p1, v1, p2, v2, z);
    return new Comparison(diff, diff - z * se, diff + z * se, rel[0], rel[1], rel[2], clamp(p), null,
        testSe * testSe);
  }

  /**
   * Welch's t for two means from (n, mean, sample variance): the Welch-Satterthwaite degrees of freedom, a t
   * interval for the difference, and a delta-method interval for the relative lift using the same critical value.
   * Needs n >= 2 in both groups; when both variances are zero the difference is exact (p = 1 if equal, else 0).
   */
  public static Comparison welch(long n1, double mean1, double var1, long n2, double mean2, double var2,
                                 double confidence) {
    if (n1 < 2 || n2 < 2) {
      throw new IllegalArgumentException("Welch's t needs at least 2 observations per group, got " + n1 + " and "
          + n2);
    }
    if (!(var1 >= 0) || !(var2 >= 0) || !Double.isFinite(mean1) || !Double.isFinite(mean2)) {
      throw new IllegalArgumentException("means must be finite and variances non-negative");
    }
    double s1 = var1 / n1;
    double s2 = var2 / n2;
    double variance = s1 + s2;
    double se = Math.sqrt(variance);
    double diff = mean2 - mean1;
    if (se == 0) {
      double p = diff == 0 ? 1.0 : 0.0;
      Double[] rel = relative(mean1, 0, mean2, 0, 0);
      return new Comparison(diff, diff, diff, rel[0], rel[1], rel[2], p, null, 0);
    }
    double df = variance * variance / (s1 * s1 / (n1 - 1) + s2 * s2 / (n2 - 1));
    TDistribution t = new TDistribution(df);
    double crit = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double p = 2 * t.cumulativeProbability(-Math.abs(diff) / se);
    Double[] rel = relative(mean1, s1, mean2, s2, crit);
    return new Comparison(diff, diff - crit * se, diff + crit * se, rel[0], rel[1], rel[2], clamp(p), df,
        variance);
  }

  /**
   * Relative lift r = m2/m1 - 1 with the first-order delta method for independent estimates:
   * Var(m2/m1) ~ Var(m2)/m1^2 + m2^2 Var(m1)/m1^4. Null when m1 is zero.
   */
  static Double[] relative(double m1, double varM1, double m2, double varM2, double crit) {
    if (m1 == 0) {
      return new Double[] {null, null, null};
    }
    double r = m2 / m1 - 1;
    double se = Math.sqrt(varM2 / (m1 * m1) + m2 * m2 * varM1 / (m1 * m1 * m1 * m1));
    return new Double[] {r, r - crit * se, r + crit * se};
  }

  /**
   * Holm's step-down adjustment (as R's p.adjust(method = "holm")): sort ascending, multiply the i-th smallest
   * (0-based) by (m - i), carry the running maximum, cap at 1. Returned in the input order.
   */
  public static double[] holm(double[] p) {
    int m = p.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-values must be in [0, 1], got " + p[i]);
      }
      running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }

  /** Pearson chi-square goodness of fit of observed counts to expected proportions (weights, any positive sum). */
  public static ChiSquare chiSquareGoodnessOfFit(long[] observed, double[] weights) {
    if (observed.length != weights.length || observed.length < 2) {
      throw new IllegalArgumentException("need at least two categories, with one weight per observed count");
    }
    double weightSum = 0;
    long total = 0;
    for (int i = 0; i < observed.length; i++) {
      if (!(weights[i] > 0) || !Double.isFinite(weights[i]) || observed[i] < 0) {
        throw new IllegalArgumentException("weights must be positive and counts non-negative");
      }
      weightSum += weights[i];
      total += observed[i];
    }
    if (total == 0) {
      return new ChiSquare(0, observed.length - 1, 1.0);
    }
    double stat = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = total * weights[i] / weightSum;
      double d = observed[i] - expected;
      stat += d * d / expected;
    }
    int df = observed.length - 1;
    double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(stat);
    return new ChiSquare(stat, df, clamp(p));
  }

  /** A chi-square statistic, its degrees of freedom and upper-tail p-value. */
  public record ChiSquare(double statistic, int df, double pValue) {}

  /**
   * Per-arm sample size to detect p1 -> p2 with a two-sided level-alpha test at the given power: the normal
   * approximation R's power.prop.test uses (strict = FALSE), n = (z_a sqrt(2 pbar qbar) + z_b sqrt(p1 q1 + p2 q2))^2
   * / (p2 - p1)^2. Not rounded.
   */
  public static double sampleSizeTwoProportions(double p1, double p2, double alpha, double power) {
    if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || p1 == p2) {
      throw new IllegalArgumentException("rates must lie in (0, 1) and differ, got " + p1 + " and " + p2);
    }
    double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    double zb = NORMAL.inverseCumulativeProbability(power);
    double pbar = (p1 + p2) / 2;
    double root = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return root * root / ((p2 - p1) * (p2 - p1));
  }

  /**
   * Per-arm sample size to detect a difference delta in means with standard deviations sd1, sd2 (normal
   * approximation): n = (z_a + z_b)^2 (sd1^2 + sd2^2) / delta^2. Not rounded.
   */
  public static double sampleSizeMeans(double delta, double sd1, double sd2, double alpha, double power) {
    if (!(delta != 0) || !Double.isFinite(delta) || !(sd1 >= 0) || !(sd2 >= 0)) {
      throw new IllegalArgumentException("delta must be non-zero and standard deviations non-negative");
    }
    double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    double zb = NORMAL.inverseCumulativeProbability(power);
    return (za + zb) * (za + zb) * (sd1 * sd1 + sd2 * sd2) / (delta * delta);
  }

  /** Standard normal quantile, for callers that need the same critical values. */
  static double normalQuantile(double q) {
    return NORMAL.inverseCumulativeProbability(q);
  }

  private static void checkCounts(long x, long n, String who) {
    if (n <= 0 || x < 0 || x > n) {
      throw new IllegalArgumentException(who + " needs 0 <= successes <= trials and trials > 0, got " + x + "/" + n);
    }
  }

  private static double clamp(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }
}
