package io.uxlens.explain;

import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One way of splitting attempts into segments: a context dimension, the attempt's latency band, whether an error
 * event was seen, or the last step reached. Every attempt lands in exactly one segment of each dimension (missing
 * values in {@link #UNKNOWN}), so each dimension partitions the attempts and its contributions add up.
 */
public record Dimension(String name, Function<Attempt, String> segmentOf) {
  /** The segment of attempts without the value (no context key, no spans). */
  public static final String UNKNOWN = "unknown";

  /** Context dimensions, latency band, error seen and last step, with bands from {@code attempts}' quartiles. */
  public static List<Dimension> all(List<Attempt> attempts) {
    List<Dimension> out = new ArrayList<>();
    for (String key : ContextDimensions.KEYS) {
      out.add(new Dimension(key, a -> {
        String v = a.context().get(key);
        return v == null || v.isBlank() ? UNKNOWN : v;
      }));
    }
    double[] edges = quartiles(attempts);
    out.add(new Dimension("latency_band", a -> band(a.performance().meanLatencyMs(), edges)));
    out.add(new Dimension("error_seen", a -> a.errorCount() > 0 ? "yes" : "no"));
    out.add(new Dimension("last_step", a -> a.lastStepId() == null ? UNKNOWN : a.lastStepId()));
    return out;
  }

  /** Names of the dimensions {@link #all} returns. */
  public static List<String> names() {
    List<String> out = new ArrayList<>(ContextDimensions.KEYS);
    out.addAll(List.of("latency_band", "error_seen", "last_step"));
    return out;
  }

  /** Distinct quartiles of the attempts' mean span latency (lower: rank floor(q (n - 1))). */
  static double[] quartiles(List<Attempt> attempts) {
    double[] v = attempts.stream().map(a -> a.performance().meanLatencyMs()).filter(x -> x != null)
        .mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length < 4) {
      return new double[0];
    }
    return Arrays.stream(new double[] {0.25, 0.5, 0.75}).map(q -> v[(int) Math.floor(q * (v.length - 1))])
        .distinct().toArray();
  }

  /** The band label: "< 120 ms", "120 ms - 450 ms", ">= 2.1 s"; unknown without spans. */
  static String band(Double latencyMs, double[] edges) {
    if (latencyMs == null) {
      return UNKNOWN;
    }
    if (edges.length == 0) {
      return "all";
    }
    if (latencyMs < edges[0]) {
      return "< " + ms(edges[0]);
    }
    for (int i = 1; i < edges.length; i++) {
      if (latencyMs < edges[i]) {
        return ms(edges[i - 1]) + " - " + ms(edges[i]);
      }
    }
    return ">= " + ms(edges[edges.length - 1]);
  }

  private static String ms(double v) {
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%.1f s", v / 1000);
    }
    return String.format(Locale.ROOT, "%.0f ms", v);
  }
}
