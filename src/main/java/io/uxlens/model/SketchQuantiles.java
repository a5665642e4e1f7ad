package io.uxlens.model;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * Several quantiles of a DDSketch in one walk of its bins, each equal to {@link DDSketch#getValueAtQuantile}: the
 * library walks the bins again for every quantile (and sums them all once more first), and the KPI series ask three
 * quantiles of each of several sketches in every bucket of a week.
 *
 * <p>The walk is the library's own rule (the value of the first bin whose running count passes q (n - 1)), taken
 * once for every quantile in rank order. It is used only where its sums are exact, as the library's are: no negative
 * values and whole counts (every sketch here counts attempts or spans, merged or not). Anything else, and any
 * quantile the walk does not place, goes to the library.
 */
public final class SketchQuantiles {
  private SketchQuantiles() {}

  /** The values at {@code qs} (each between 0 and 1), in the order asked; the sketch must not be empty. */
  public static double[] of(DDSketch s, double... qs) {
    if (!s.getNegativeValueStore().isEmpty()) {
      return s.getValuesAtQuantiles(qs);
    }
    double count = s.getCount();
    double positive = s.getPositiveValueStore().getTotalCount();
    if (count == 0 || count != Math.rint(count) || positive != Math.rint(positive)
        || Arrays.stream(qs).anyMatch(q -> !(q >= 0 && q <= 1))) {
      return s.getValuesAtQuantiles(qs); // the library's answer, or its exception
    }
    int[] byRank = IntStream.range(0, qs.length).boxed().sorted(Comparator.comparingDouble(i -> qs[i]))
        .mapToInt(Integer::intValue).toArray();
    double[] out = new double[qs.length];
    int k = 0;
    double seen = count - positive; // the values too small to index: the library's zero count
    while (k < byRank.length && seen > qs[byRank[k]] * (count - 1)) {
      out[byRank[k++]] = 0;
    }
    IndexMapping mapping = s.getIndexMapping();
    for (Iterator<Bin> bins = s.getPositiveValueStore().getAscendingIterator(); k < byRank.length && bins.hasNext(); ) {
      Bin bin = bins.next();
      seen += bin.getCount();
      while (k < byRank.length && seen > qs[byRank[k]] * (count - 1)) {
        out[byRank[k++]] = mapping.value(bin.getIndex());
      }
    }
    return k == byRank.length ? out : s.getValuesAtQuantiles(qs);
  }
}
