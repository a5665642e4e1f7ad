package io.uxlens.experiment;

import java.util.Arrays;

/**
 * Time on task of completed attempts, in seconds: count, mean, sample variance (n - 1 denominator; 0 for a single
 * value) and median. The journey engine can build it from raw times with {@link #of(double...)}.
 */
public record TimeStats(long count, double mean, double variance, double p50) {
  public TimeStats {
    if (count < 1) {
      throw new IllegalArgumentException("time statistics need at least one completed attempt");
    }
    if (!Double.isFinite(mean) || !Double.isFinite(p50) || !(variance >= 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("mean and median must be finite and the variance finite and >= 0");
    }
  }

  /** From raw times; null when there are none. The median averages the two middle values (R's median()). */
  public static TimeStats of(double... seconds) {
    if (seconds == null || seconds.length == 0) {
      return null;
    }
    double[] s = seconds.clone();
    Arrays.sort(s);
    double sum = 0;
    for (double v : s) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("times must be finite");
      }
      sum += v;
    }
    double mean = sum / s.length;
    double ss = 0;
    for (double v : s) {
      ss += (v - mean) * (v - mean);
    }
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new TimeStats(n, mean, n > 1 ? ss / (n - 1) : 0, median);
  }

  public double sd() {
    return Math.sqrt(variance);
  }
}
