package io.uxlens.correlate;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.util.List;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Point-biserial correlation between an attempt's latency (mean span latency, ms) and its completion (1/0), over
 * finished attempts with spans: r = (M1 - M0) / s * sqrt(n1 * n0 / n^2), s the population standard deviation of all
 * latencies (this equals Pearson's r). Two-sided p-value from t = r * sqrt((n - 2) / (1 - r^2)) with n - 2 degrees
 * of freedom (Student's t, Hipparchus). A negative r means slower attempts complete less.
 */
public record PointBiserial(long n, long completed, long abandoned, Double meanLatencyCompletedMs,
                            Double meanLatencyAbandonedMs, Double r, Double t, Double pValue) {

  public static PointBiserial of(List<Attempt> attempts) {
    List<Attempt> usable = LatencyBuckets.usable(attempts);
    long n = usable.size();
    long n1 = 0;
    double sum1 = 0;
    double sum0 = 0;
    double sum = 0;
    for (Attempt a : usable) {
      double x = a.performance().meanLatencyMs();
      sum += x;
      if (a.outcome() == Outcome.COMPLETED) {
        n1++;
        sum1 += x;
      } else {
        sum0 += x;
      }
    }
    long n0 = n - n1;
    Double m1 = n1 == 0 ? null : sum1 / n1;
    Double m0 = n0 == 0 ? null : sum0 / n0;
    if (n < 3 || n1 == 0 || n0 == 0) {
      return new PointBiserial(n, n1, n0, m1, m0, null, null, null);
    }
    double mean = sum / n;
    double ss = 0;
    for (Attempt a : usable) {
      double d = a.performance().meanLatencyMs() - mean;
      ss += d * d;
    }
    double s = Math.sqrt(ss / n);
    if (s == 0) {
      return new PointBiserial(n, n1, n0, m1, m0, null, null, null);
    }
    double r = (m1 - m0) / s * Math.sqrt((double) n1 * n0 / ((double) n * n));
    double df = n - 2;
    if (Math.abs(r) >= 1) {
      return new PointBiserial(n, n1, n0, m1, m0, r, Math.copySign(Double.POSITIVE_INFINITY, r), 0.0);
    }
    double t = r * Math.sqrt(df / (1 - r * r));
    double p = 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
    return new PointBiserial(n, n1, n0, m1, m0, r, t, p);
  }
}
