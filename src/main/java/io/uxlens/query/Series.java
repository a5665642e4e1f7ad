package io.uxlens.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per-bucket accumulators for each labelled series of a metric. Buckets no point fell into stay null, so a
 * metric can answer null (no data) rather than zero. Series come out sorted by their labels: stable output.
 */
public final class Series<A> {
  private final Buckets buckets;
  private final Supplier<A> empty;
  private final Map<Map<String, String>, Entry<A>> byKey = new LinkedHashMap<>();

  /** One series: its labels and an accumulator per bucket (null where nothing arrived). */
  public record Entry<A>(Map<String, String> labels, List<A> buckets) {}

  public Series(Buckets buckets, Supplier<A> empty) {
    this.buckets = buckets;
    this.empty = empty;
  }

  /** The accumulator for the series with these labels at time t, or null when t is outside the buckets. */
  public A at(Map<String, String> labels, long t) {
    int i = buckets.index(t);
    if (i < 0) {
      return null;
    }
    Map<String, String> sorted = new TreeMap<>(labels);
    Entry<A> e = byKey.computeIfAbsent(sorted, k -> {
      List<A> slots = new ArrayList<>(buckets.count());
      for (int j = 0; j < buckets.count(); j++) {
        slots.add(null);
      }
      return new Entry<>(sorted, slots);
    });
    A a = e.buckets().get(i);
    if (a == null) {
      a = empty.get();
      e.buckets().set(i, a);
    }
    return a;
  }

  public List<Entry<A>> entries() {
    List<Entry<A>> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(e -> e.labels().entrySet().stream()
        .map(x -> x.getKey() + "\u0000" + x.getValue()).toList(), Series::compareLists));
    return out;
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
