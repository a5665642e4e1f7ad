package io.uxlens.explain;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate) across many tests: sort ascending, p_(i) * m / i,
 * then the running minimum from the largest down, capped at 1. Null p-values (no test) stay null and do not count
 * in m.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  public static Double[] adjust(Double[] p) {
    Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> p[i] != null).boxed()
        .toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    int m = order.length;
    Double[] out = new Double[p.length];
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      out[i] = Math.min(1, running);
    }
    return out;
  }
}
