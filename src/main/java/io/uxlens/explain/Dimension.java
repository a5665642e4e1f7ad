package io.uxlens.explain;

import io.uxlens.model.Attempt;
import io.uxlens.model.AttemptSegments;
import io.uxlens.model.ContextDimensions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One way of splitting attempts into segments: a context dimension, the attempt's latency band, whether an error
 * event was seen, or the last step reached. Every attempt lands in exactly one segment of each dimension (missing
 * values in {@link #UNKNOWN}), so each dimension partitions the attempts and its contributions add up.
 */
public record Dimension(String name, Function<Attempt, String> segmentOf) {
  /** The segment of attempts without the value (no context key, no spans). */
  public static final String UNKNOWN = AttemptSegments.UNKNOWN;

  /** Context dimensions, latency band, error seen and last step, with bands from {@code attempts}' quartiles. */
  public static List<Dimension> all(List<Attempt> attempts) {
    List<Dimension> out = new ArrayList<>();
    for (String key : ContextDimensions.KEYS) {
      out.add(new Dimension(key, a -> {
        String v = a.context().get(key);
        return v == null || v.isBlank() ? UNKNOWN : v;
      }));
    }
    double[] edges = bandEdges(attempts);
    // a label per cell, formatted once: the drivers ask every attempt's band several times
    Map<String, String> bands = new ConcurrentHashMap<>();
    out.add(new Dimension(AttemptSegments.LATENCY_BAND,
        a -> bands.computeIfAbsent(AttemptSegments.latencyCell(a), cell -> AttemptSegments.band(cell, edges))));
    out.add(new Dimension(AttemptSegments.ERROR_SEEN, AttemptSegments::errorSeen));
    out.add(new Dimension(AttemptSegments.LAST_STEP, AttemptSegments::lastStep));
    return out;
  }

  /** Names of the dimensions {@link #all} returns. */
  public static List<String> names() {
    List<String> out = new ArrayList<>(ContextDimensions.KEYS);
    out.addAll(AttemptSegments.DIMENSIONS);
    return out;
  }

  /** Latency band edges of these attempts: the grid edges just above their quartiles ({@link AttemptSegments}). */
  static double[] bandEdges(List<Attempt> attempts) {
    long[] counts = new long[AttemptSegments.cells()];
    for (Attempt a : attempts) {
      String cell = AttemptSegments.latencyCell(a);
      if (!cell.equals(AttemptSegments.UNKNOWN)) {
        counts[Integer.parseInt(cell)]++;
      }
    }
    return AttemptSegments.bandEdges(counts);
  }
}
