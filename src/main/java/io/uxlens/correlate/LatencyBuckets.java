package io.uxlens.correlate;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Completion rate by the latency an attempt saw (its mean span latency, ms). Only finished attempts with spans take
 * part. Edges are configured, or the data's quartiles (lower definition: the value at rank floor(q * (n - 1))), so
 * each bucket holds about a quarter of the attempts. Buckets are [from, to); the first is open below, the last above.
 */
public final class LatencyBuckets {
  private LatencyBuckets() {}

  /** One latency band. {@code fromMs} null = no lower bound, {@code toMs} null = no upper bound. */
  public record Band(Double fromMs, Double toMs, long attempts, long completed, Double completionRate,
                     Double meanLatencyMs) {}

  public static List<Band> completionByLatency(List<Attempt> attempts, double[] configuredEdges) {
    List<Attempt> usable = usable(attempts);
    double[] edges = configuredEdges != null ? configuredEdges.clone() : quartiles(usable);
    Arrays.sort(edges);
    int n = edges.length + 1;
    long[] count = new long[n];
    long[] done = new long[n];
    double[] sum = new double[n];
    for (Attempt a : usable) {
      double x = a.performance().meanLatencyMs();
      int b = 0;
      while (b < edges.length && x >= edges[b]) {
        b++;
      }
      count[b]++;
      sum[b] += x;
      if (a.outcome() == Outcome.COMPLETED) {
        done[b]++;
      }
    }
    List<Band> out = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      out.add(new Band(b == 0 ? null : edges[b - 1], b == edges.length ? null : edges[b], count[b], done[b],
          count[b] == 0 ? null : (double) done[b] / count[b], count[b] == 0 ? null : sum[b] / count[b]));
    }
    return out;
  }

  static List<Attempt> usable(List<Attempt> attempts) {
    return attempts.stream()
        .filter(a -> a.outcome().finished() && a.performance().meanLatencyMs() != null)
        .toList();
  }

  /** Distinct quartile values of the attempts' latencies (fewer when values repeat; none without data). */
  static double[] quartiles(List<Attempt> usable) {
    double[] xs = usable.stream().mapToDouble(a -> a.performance().meanLatencyMs()).sorted().toArray();
    if (xs.length == 0) {
      return new double[0];
    }
    TreeSet<Double> edges = new TreeSet<>();
    for (double q : new double[] {0.25, 0.5, 0.75}) {
      edges.add(xs[(int) Math.floor(q * (xs.length - 1))]);
    }
    edges.remove(xs[0]); // an edge at the minimum would leave the first band empty
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
