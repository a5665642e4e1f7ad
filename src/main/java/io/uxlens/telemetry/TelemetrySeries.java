package io.uxlens.telemetry;

import io.uxlens.model.BucketGrid;
import io.uxlens.model.RollupPlan;
import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.TelemetryRollupStore.Detail;
import io.uxlens.store.TelemetryRollupStore.Row;
import io.uxlens.store.TelemetryRollupStore.SpanFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Span and measurement series from the rollups: whole buckets of the coarsest level dividing the step, whole
 * minutes at the edges, the raw rows of the partial minutes at both ends of [from, to] and of what the rollup job
 * has not reached yet, all read in one snapshot. The answer equals reading every row: counts exactly, and the
 * sketches hold the same bins (1% relative accuracy either way).
 */
public final class TelemetrySeries {
  private final TelemetryRollupStore store;

  public TelemetrySeries(TelemetryRollupStore store) {
    this.store = store;
  }

  /** The buckets asked for: {@code count} of {@code step} ms from {@code start} (a multiple of step). */
  /** One bucket's state: count, errors (spans) and a sketch of durations or values. */
  public static final class Cell {
    private long count;
    private long errors;
    /** Stored sketches and raw values, merged only by a reader that wants them: counts need neither. */
    private final List<byte[]> states = new ArrayList<>(1);
    private final List<Double> values = new ArrayList<>(0);
    /** The stored quantiles of the bucket's one row, while that row is all the bucket holds. */
    private double[] stored;

    void add(double value, boolean error) {
      values.add(value);
      count++;
      errors += error ? 1 : 0;
      stored = null;
    }

    void add(Row r) {
      stored = states.isEmpty() && values.isEmpty() ? r.quantiles() : null;
      states.add(r.state());
      count += r.count();
      errors += r.errors();
    }

    /**
     * The bucket's values at {@link TelemetryRollupStore#QUANTILES} when it is one stored row that keeps them (a
     * bucket of exactly one rollup level's size): the quantiles of the very sketch {@link #mergeInto} would build.
     * Null otherwise.
     */
    public double[] storedQuantiles() {
      return stored;
    }

    public long count() {
      return count;
    }

    public long errors() {
      return errors;
    }

    /** Adds this bucket's values to {@code target}: its stored sketches decoded straight into it. */
    public void mergeInto(DDSketch target) {
      if (states.contains(null)) {
        throw new IllegalStateException("this bucket was read without its sketches (" + Detail.class.getSimpleName()
            + " COUNTS or QUANTILES)");
      }
      states.forEach(bytes -> Sketches.mergeInto(target, bytes));
      values.forEach(target::accept);
    }
  }

  /**
   * Spans starting in [from, to] (inclusive, as the perf metrics read them) by value of {@code dim} (one of
   * {@link TelemetryRollups#SPAN_DIMS}, or null for one series keyed ""), keeping only values {@code keep} accepts;
   * empty when the step is not whole minutes. {@code detail}: what the caller reads of each cell besides counts
   * (cells read with COUNTS, or with QUANTILES but without {@link Cell#storedQuantiles}, cannot be merged).
   */
  public Optional<Map<String, Cell[]>> spans(String dim, Predicate<String> keep, long from, long to, BucketGrid grid,
                                             Detail detail) {
    RollupPlan p = RollupPlan.of(from, to, grid.step(), TelemetryRollups.LEVELS);
    if (p == null) {
      return Optional.empty();
    }
    String d = dim == null ? TelemetryRollupStore.ALL : dim;
    TelemetryRollupStore.Snapshot<SpanFacts> snap = store.spans(d, p.res(), p.r0(), p.r1(), p.minutes(),
        p.raw(from, to), from, to, levelDetail(detail, p, grid));
    Map<String, Cell[]> out = new TreeMap<>();
    for (Row r : snap.rows()) {
      if (keep.test(r.dimValue())) {
        cell(out, r.dimValue(), grid, r.bucket()).ifPresent(c -> c.add(r));
      }
    }
    for (SpanFacts s : snap.pending()) {
      String value = dim == null ? "" : TelemetryRollups.valueOf(s, dim);
      if (keep.test(value)) {
        cell(out, value, grid, s.start()).ifPresent(c -> c.add(s.durationMs(), s.error()));
      }
    }
    return Optional.of(out);
  }

  /**
   * Measurements of one name taken in [from, to], one series; empty when the step is not whole minutes.
   * {@code detail} as for {@link #spans}.
   */
  public Optional<Cell[]> measurements(String name, long from, long to, BucketGrid grid, Detail detail) {
    RollupPlan p = RollupPlan.of(from, to, grid.step(), TelemetryRollups.LEVELS);
    if (p == null) {
      return Optional.empty();
    }
    var snap = store.measurements(name, p.res(), p.r0(), p.r1(), p.minutes(), p.raw(from, to), from, to,
        levelDetail(detail, p, grid));
    Map<String, Cell[]> out = new TreeMap<>();
    for (Row r : snap.rows()) {
      cell(out, "", grid, r.bucket()).ifPresent(c -> c.add(r));
    }
    for (TelemetryRollupStore.MeasurementFacts m : snap.pending()) {
      cell(out, "", grid, m.time()).ifPresent(c -> c.add(m.value(), false));
    }
    return Optional.of(out.getOrDefault("", new Cell[grid.count()]));
  }

  /** Stored quantiles answer only buckets that are one row of the level read; else the sketches are needed. */
  private static Detail levelDetail(Detail asked, RollupPlan p, BucketGrid grid) {
    return asked == Detail.QUANTILES && p.res() != grid.step() ? Detail.SKETCHES : asked;
  }

  private static Optional<Cell> cell(Map<String, Cell[]> out, String value, BucketGrid grid, long t) {
    int i = grid.index(t);
    if (i < 0) {
      return Optional.empty();
    }
    Cell[] cells = out.computeIfAbsent(value, k -> new Cell[grid.count()]);
    if (cells[i] == null) {
      cells[i] = new Cell();
    }
    return Optional.of(cells[i]);
  }

}
