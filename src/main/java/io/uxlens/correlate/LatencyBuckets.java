package io.uxlens.correlate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import io.uxlens.journey.CorrelationState;
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
    return bands(edges, count, done, sum);
  }

  /**
   * The same bands from the rollups' sketches of mean latency by outcome ({@link CorrelationState#latency}): each
   * sketch bin counts in the band of its value (within 1% of the attempts' true latencies), and quartile edges are
   * the sketch's quantiles, so an attempt within 1% of an edge may sit in the neighbouring band.
   */
  public static List<Band> completionByLatency(CorrelationState state, double[] configuredEdges) {
    DDSketch all = null;
    for (boolean completed : new boolean[] {false, true}) {
      DDSketch s = state.latency(completed);
      if (s == null) {
        continue;
      }
      if (all == null) {
        all = s.copy();
      } else {
        all.mergeWith(s);
      }
    }
    double[] edges = configuredEdges != null ? configuredEdges.clone() : quartiles(all);
    Arrays.sort(edges);
    int n = edges.length + 1;
    long[] count = new long[n];
    long[] done = new long[n];
    double[] sum = new double[n];
    for (boolean completed : new boolean[] {false, true}) {
      DDSketch s = state.latency(completed);
      if (s == null) {
        continue;
      }
      forEachBin(s, (x, c) -> {
        int b = 0;
        while (b < edges.length && x >= edges[b]) {
          b++;
        }
        count[b] += c;
        sum[b] += x * c;
        if (completed) {
          done[b] += c;
        }
      });
    }
    return bands(edges, count, done, sum);
  }

  private static double[] quartiles(DDSketch all) {
    if (all == null || all.isEmpty()) {
      return new double[0];
    }
    TreeSet<Double> edges = new TreeSet<>();
    for (double q : new double[] {0.25, 0.5, 0.75}) {
      edges.add(all.getValueAtQuantile(q));
    }
    edges.remove(all.getValueAtQuantile(0)); // an edge at the minimum would leave the first band empty
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private interface BinConsumer {
    void accept(double value, long count);
  }

  /** Every value of a sketch of non-negative values with its count: zeros, then each bin at its value. */
  private static void forEachBin(DDSketch s, BinConsumer consumer) {
    long zeros = Math.round(s.getCount() - s.getPositiveValueStore().getTotalCount());
    if (zeros > 0) {
      consumer.accept(0, zeros);
    }
    IndexMapping mapping = s.getIndexMapping();
    s.getPositiveValueStore().getAscendingStream()
        .forEach(b -> consumer.accept(mapping.value(b.getIndex()), Math.round(b.getCount())));
  }

  private static List<Band> bands(double[] edges, long[] count, long[] done, double[] sum) {
    List<Band> out = new ArrayList<>();
    for (int b = 0; b < count.length; b++) {
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
