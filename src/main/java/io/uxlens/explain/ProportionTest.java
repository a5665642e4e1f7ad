package io.uxlens.explain;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.HypergeometricDistribution;

/**
 * Two-sided test that two proportions (hits / units in two windows) are equal: Fisher's exact test when any
 * expected cell of the 2x2 table is below 5, otherwise the pooled two-proportion z test. Distributions from
 * Hipparchus.
 */
public final class ProportionTest {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private ProportionTest() {}

  /** The p-value; null when a window has no units (nothing to compare). */
  public static Double pValue(long hits0, long units0, long hits1, long units1) {
    if (units0 == 0 || units1 == 0) {
      return null;
    }
    long hits = hits0 + hits1;
    long units = units0 + units1;
    long misses = units - hits;
    double minExpected = Math.min(Math.min(units0, units1) * (double) hits / units,
        Math.min(units0, units1) * (double) misses / units);
    if (minExpected < 5) {
      return fisher(hits0, units0, hits1, units1);
    }
    double p = (double) hits / units;
    double se = Math.sqrt(p * (1 - p) * (1.0 / units0 + 1.0 / units1));
    if (se == 0) {
      return 1.0;
    }
    double z = ((double) hits1 / units1 - (double) hits0 / units0) / se;
    return Math.min(1, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
  }

  /**
   * Fisher's exact test, two-sided: the probability, given the margins, of a table at most as likely as the one
   * observed (hits in the current window follow the hypergeometric distribution).
   */
  static double fisher(long hits0, long units0, long hits1, long units1) {
    int population = Math.toIntExact(units0 + units1);
    int successes = Math.toIntExact(hits0 + hits1);
    int sample = Math.toIntExact(units1);
    HypergeometricDistribution h = new HypergeometricDistribution(population, successes, sample);
    double observed = h.probability(Math.toIntExact(hits1));
    double p = 0;
    for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
      double pk = h.probability(k);
      if (pk <= observed * (1 + 1e-7)) {
        p += pk;
      }
    }
    return Math.min(1, p);
  }
}
