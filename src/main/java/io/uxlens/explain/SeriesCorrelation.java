package io.uxlens.explain;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * Two aligned series (one value per bucket, null where a series has none) compared: Pearson and Spearman over the
 * buckets where both have a value, and the lag within +-maxLag steps with the largest |Pearson|. A positive lag
 * means the UX series follows the system series: ux[i] pairs with system[i - lag]. Correlations need 3 pairs and
 * spread in both series; otherwise they are null. Hipparchus computes them.
 */
public record SeriesCorrelation(int n, Double pearson, Double spearman, Integer bestLag, Double lagPearson,
                                int lagN) {
  public static SeriesCorrelation of(List<Double> ux, List<Double> system, int maxLag) {
    Double pearson = pearson(ux, system, 0);
    Double spearman = correlation(ux, system, 0, true);
    Integer bestLag = null;
    Double best = null;
    int bestN = 0;
    for (int lag = 0; lag <= maxLag; lag++) {
      for (int sign : lag == 0 ? new int[] {1} : new int[] {-1, 1}) {
        Double r = pearson(ux, system, sign * lag);
        if (r != null && (best == null || Math.abs(r) > Math.abs(best) + 1e-12)) {
          best = r;
          bestLag = sign * lag;
          bestN = pairs(ux, system, sign * lag)[0].length;
        }
      }
    }
    return new SeriesCorrelation(pairs(ux, system, 0)[0].length, pearson, spearman, bestLag, best, bestN);
  }

  static Double pearson(List<Double> ux, List<Double> system, int lag) {
    return correlation(ux, system, lag, false);
  }

  private static Double correlation(List<Double> ux, List<Double> system, int lag, boolean ranks) {
    double[][] p = pairs(ux, system, lag);
    if (p[0].length < 3 || flat(p[0]) || flat(p[1])) {
      return null;
    }
    double r = ranks ? new SpearmansCorrelation().correlation(p[0], p[1])
        : new PearsonsCorrelation().correlation(p[0], p[1]);
    return Double.isFinite(r) ? r : null;
  }

  /** True when all values are equal (no spread: no correlation). */
  private static boolean flat(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  /** ux[i] with system[i - lag] where both exist. */
  static double[][] pairs(List<Double> ux, List<Double> system, int lag) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < ux.size(); i++) {
      int j = i - lag;
      if (j < 0 || j >= system.size() || ux.get(i) == null || system.get(j) == null) {
        continue;
      }
      out.add(new double[] {ux.get(i), system.get(j)});
    }
    double[][] p = new double[2][out.size()];
    for (int i = 0; i < out.size(); i++) {
      p[0][i] = out.get(i)[0];
      p[1][i] = out.get(i)[1];
    }
    return p;
  }
}
