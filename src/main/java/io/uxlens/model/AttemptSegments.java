package io.uxlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The segments of an attempt that are not context values: whether an error was seen, the last step reached, and
 * its mean span latency on a fixed 1-2-5 grid. The rollups keep per-bucket counts for each, and the drivers table
 * splits attempts by them, so both read one definition.
 *
 * <p>Latency bands are whole grid cells: a query's bands end at the grid edges just above its quartiles, so they can
 * be composed from per-bucket counts of grid cells and read like a person would write them ("200 ms - 500 ms").
 */
public final class AttemptSegments {
  public static final String ERROR_SEEN = "error_seen";
  public static final String LAST_STEP = "last_step";
  public static final String LATENCY_BAND = "latency_band";
  /** The rollups' dimension holding counts per latency cell, from which any query's bands are composed. */
  public static final String LATENCY_CELL = "latency_cell";
  /** The dimensions above, in the order the drivers table lists them. */
  public static final List<String> DIMENSIONS = List.of(LATENCY_BAND, ERROR_SEEN, LAST_STEP);
  /** The segment of attempts without the value (no spans, no step). */
  public static final String UNKNOWN = "unknown";

  /** Upper edges of the latency cells in ms: 1, 2, 5, 10, ... 100,000; a last cell holds everything above. */
  static final double[] EDGES = edges();

  private AttemptSegments() {}

  private static double[] edges() {
    List<Double> out = new ArrayList<>();
    for (double decade = 1; decade <= 100_000; decade *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        if (m * decade <= 100_000) {
          out.add(m * decade);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public static String errorSeen(Attempt a) {
    return a.errorCount() > 0 ? "yes" : "no";
  }

  public static String lastStep(Attempt a) {
    return a.lastStepId() == null ? UNKNOWN : a.lastStepId();
  }

  /** The attempt's latency cell: its index as text, or {@link #UNKNOWN} without spans. */
  public static String latencyCell(Attempt a) {
    Double ms = a.performance().meanLatencyMs();
    return ms == null ? UNKNOWN : Integer.toString(cell(ms));
  }

  /** Index of the cell holding {@code ms}: the first whose upper edge lies above it. */
  static int cell(double ms) {
    int i = 0;
    while (i < EDGES.length && ms >= EDGES[i]) {
      i++;
    }
    return i;
  }

  /** Number of latency cells (the last one is unbounded above). */
  public static int cells() {
    return EDGES.length + 1;
  }

  /**
   * Band edges for attempts whose latency cells hold {@code counts}: for each quartile (lower rank, floor(q (n-1)))
   * the upper edge of its cell, distinct, ascending; none with fewer than four attempts. A quartile in the open last
   * cell has no edge above it and adds none.
   */
  public static double[] bandEdges(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    if (n < 4) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    for (double q : new double[] {0.25, 0.5, 0.75}) {
      long rank = (long) Math.floor(q * (n - 1));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen > rank) {
          if (i < EDGES.length && !out.contains(EDGES[i])) {
            out.add(EDGES[i]);
          }
          break;
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The band of a latency cell (text of its index, or unknown) given {@link #bandEdges}. */
  public static String band(String cell, double[] edges) {
    if (cell.equals(UNKNOWN)) {
      return UNKNOWN;
    }
    int i = Integer.parseInt(cell);
    // every value in cell i lies in [EDGES[i-1], EDGES[i]), so the cell's lower edge places it in a band
    double low = i == 0 ? 0 : EDGES[i - 1];
    if (edges.length == 0) {
      return "all";
    }
    if (low < edges[0]) {
      return "< " + ms(edges[0]);
    }
    for (int k = 1; k < edges.length; k++) {
      if (low < edges[k]) {
        return ms(edges[k - 1]) + " - " + ms(edges[k]);
      }
    }
    return ">= " + ms(edges[edges.length - 1]);
  }

  private static String ms(double v) {
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%.0f s", v / 1000);
    }
    return String.format(Locale.ROOT, "%.0f ms", v);
  }
}
