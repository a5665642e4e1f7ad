package io.uxlens.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds error-rate spikes in one journey's bucketed series: a bucket is a spike when its error rate sits far above
 * the trailing baseline in robust units, {@code z = (rate - median) / max(1.4826 * MAD, minScale)} (the modified
 * z-score; 1.4826 makes MAD estimate a standard deviation for normal data). Median and MAD are taken over the
 * {@code window} previous buckets with enough attempts, so a short burst barely moves its own baseline and a quiet
 * night with three attempts neither raises an alarm nor pollutes the baseline. {@code minScale} stops a baseline
 * of identical rates (often all zero) from turning a single error into an infinite z. Only rises are spikes.
 * Adjacent flagged buckets are merged into one spike. Pure: no clock, no store.
 */
public final class SpikeDetector {
  private static final double MAD_TO_SIGMA = 1.4826;

  /** One time bucket of a journey: finished attempts and how many of them had an error. */
  public record Bucket(long time, long attempts, long errors) {
    public Bucket {
      if (attempts < 0 || errors < 0 || errors > attempts) {
        throw new IllegalArgumentException("need 0 <= errors <= attempts, got " + errors + "/" + attempts);
      }
    }

    double rate() {
      return attempts == 0 ? 0 : (double) errors / attempts;
    }
  }

  /**
   * @param window trailing buckets the baseline may use (only those with enough attempts count)
   * @param minBaseline fewest qualified buckets a baseline needs; fewer and nothing is flagged
   * @param minAttempts fewest attempts a bucket needs to be judged or to count in a baseline
   * @param threshold z above which a bucket is a spike (3.5 is the usual choice for modified z-scores)
   * @param minScale smallest robust spread used, as a rate (0.01 = one percentage point)
   */
  public record Params(int window, int minBaseline, long minAttempts, double threshold, double minScale) {
    public static final Params DEFAULT = new Params(24, 6, 20, 3.5, 0.01);

    public Params {
      if (window < 1 || minBaseline < 1 || minBaseline > window) {
        throw new IllegalArgumentException("need 1 <= minBaseline <= window");
      }
      if (minAttempts < 1 || !(threshold > 0) || !(minScale > 0)) {
        throw new IllegalArgumentException("minAttempts, threshold and minScale must be positive");
      }
    }
  }

  /**
   * A run of adjacent spike buckets. {@code start}/{@code end} are the first and last flagged bucket times;
   * peak values come from the bucket with the highest z.
   */
  public record Spike(long start, long end, double peakRate, double baselineRate, double peakZ, long attempts) {}

  private final Params params;

  public SpikeDetector(Params params) {
    this.params = params;
  }

  /** Spikes in {@code buckets}, which must be in time order and evenly spaced {@code bucketMs} apart. */
  public List<Spike> detect(List<Bucket> buckets, long bucketMs) {
    List<Spike> spikes = new ArrayList<>();
    List<Double> baseline = new ArrayList<>(); // rates of qualified buckets, oldest first
    Spike open = null;
    long previousTime = Long.MIN_VALUE;
    for (Bucket b : buckets) {
      if (b.time() <= previousTime) {
        throw new IllegalArgumentException("buckets must be in strictly increasing time order");
      }
      previousTime = b.time();
      boolean qualified = b.attempts() >= params.minAttempts();
      Spike hit = null;
      if (qualified && baseline.size() >= params.minBaseline()) {
        double[] rates = baseline.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(rates);
        double scale = Math.max(MAD_TO_SIGMA * mad(rates, median), params.minScale());
        double z = (b.rate() - median) / scale;
        if (z > params.threshold()) {
          hit = new Spike(b.time(), b.time(), b.rate(), median, z, b.attempts());
        }
      }
      if (hit != null && open != null && hit.start() - open.end() == bucketMs) {
        open = merge(open, hit);
      } else if (hit != null) {
        if (open != null) {
          spikes.add(open);
        }
        open = hit;
      } else if (open != null) {
        spikes.add(open);
        open = null;
      }
      if (qualified) {
        baseline.add(b.rate());
        if (baseline.size() > params.window()) {
          baseline.remove(0);
        }
      }
    }
    if (open != null) {
      spikes.add(open);
    }
    return spikes;
  }

  private static Spike merge(Spike run, Spike next) {
    Spike peak = next.peakZ() > run.peakZ() ? next : run;
    return new Spike(run.start(), next.end(), peak.peakRate(), peak.baselineRate(), peak.peakZ(),
        run.attempts() + next.attempts());
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double mad(double[] values, double median) {
    double[] dev = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      dev[i] = Math.abs(values[i] - median);
    }
    return median(dev);
  }
}
