package io.uxlens.telemetry;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.TelemetryRollupStore.Cursor;
import io.uxlens.store.TelemetryRollupStore.MeasurementFacts;
import io.uxlens.store.TelemetryRollupStore.Row;
import io.uxlens.store.TelemetryRollupStore.SpanFacts;
import io.uxlens.store.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Keeps the telemetry rollups in step with the spans and measurements tables: each run reads what arrived since the
 * cursor (a bounded chunk at a time), adds it to the 1-minute, 10-minute and 1-hour rows of the buckets it falls
 * in, and moves the cursor in the same background write. Spans and measurements never change once stored, so
 * adding is exact, and a re-run after a crash starts again from the saved cursor.
 */
public final class TelemetryRollups {
  public static final long MINUTE = 60_000L;
  public static final long TEN_MINUTES = 600_000L;
  public static final long HOUR = 3_600_000L;
  /** Coarsest first: a query reads the coarsest level whose buckets divide its own. */
  static final long[] LEVELS = {HOUR, TEN_MINUTES, MINUTE};
  /** The span columns a rollup is kept per value of (plus the row over all spans). */
  public static final List<String> SPAN_DIMS = List.of("service", "span.name", "db.system", "http.status_code",
      "span.status");
  /** Group value for spans without a value for the dimension (as the perf metrics label them). */
  public static final String NONE = "(none)";
  static final int CHUNK = 20_000;

  private final TelemetryRollupStore store;
  private final Writer writer;
  /** Where filling older rows' quantiles stopped (null: not started), and whether none is left. */
  private Row fillAfter;
  private boolean quantilesFilled;

  public TelemetryRollups(TelemetryRollupStore store, Writer writer) {
    this.store = store;
    this.writer = writer;
  }

  /** Rolls up everything stored now; returns the spans and measurements added. */
  public synchronized long runOnce() {
    long added = 0;
    while (true) {
      Cursor c = store.cursor();
      List<SpanFacts> spans = store.spansAfter(c.spans(), CHUNK);
      List<MeasurementFacts> measurements = store.measurementsAfter(c.measurements(), CHUNK);
      if (spans.isEmpty() && measurements.isEmpty()) {
        return added + fillQuantiles();
      }
      Map<List<Object>, Delta> deltas = new LinkedHashMap<>();
      for (SpanFacts s : spans) {
        for (long res : LEVELS) {
          delta(deltas, TelemetryRollupStore.SPAN, res, TelemetryRollupStore.ALL, "", s.start())
              .add(s.durationMs(), s.error());
          for (String dim : SPAN_DIMS) {
            delta(deltas, TelemetryRollupStore.SPAN, res, dim, valueOf(s, dim), s.start())
                .add(s.durationMs(), s.error());
          }
        }
      }
      for (MeasurementFacts m : measurements) {
        for (long res : LEVELS) {
          delta(deltas, "measurement:" + m.name(), res, TelemetryRollupStore.ALL, "", m.time()).add(m.value(), false);
        }
      }
      List<Row> rows = new ArrayList<>(deltas.size());
      deltas.forEach((k, d) -> rows.add(new Row((String) k.get(0), (Long) k.get(1), (String) k.get(2),
          (String) k.get(3), (Long) k.get(4), d.count, d.errors, Sketches.encode(d.sketch),
          Sketches.storedQuantiles(d.sketch))));
      Cursor next = new Cursor(spans.isEmpty() ? c.spans() : spans.get(spans.size() - 1).seq(),
          measurements.isEmpty() ? c.measurements() : measurements.get(measurements.size() - 1).seq());
      await(TelemetryRollupStore.merge(writer, rows, TelemetryRollups::merge, c, next), "saving telemetry rollups");
      added += spans.size() + measurements.size();
    }
  }

  /**
   * Gives one chunk of the rows written before rows kept their quantiles (an upgraded store) those quantiles, in
   * key order from where the last run stopped; the write wakes the next run, so an old store is filled chunk by
   * chunk once per process, after new data has been rolled up. Returns the rows filled.
   */
  private long fillQuantiles() {
    if (quantilesFilled) {
      return 0;
    }
    List<Row> rows = store.withoutQuantiles(fillAfter, CHUNK / 10);
    if (rows.isEmpty()) {
      quantilesFilled = true;
      return 0;
    }
    List<Row> filled = new ArrayList<>(rows.size());
    for (Row r : rows) {
      filled.add(new Row(r.kind(), r.resMs(), r.dim(), r.dimValue(), r.bucket(), r.count(), r.errors(), r.state(),
          Sketches.storedQuantiles(Sketches.decode(r.state()))));
    }
    fillAfter = rows.get(rows.size() - 1);
    await(TelemetryRollupStore.fillQuantiles(writer, filled), "filling telemetry rollup quantiles");
    return filled.size();
  }

  /** Waits for a background write of this job; its failure fails the run (the next one retries). */
  private static void await(CompletableFuture<Integer> write, String what) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** A stored row with what a run adds to it: counts summed, sketches merged, quantiles of the merged sketch. */
  static Row merge(Row stored, Row delta) {
    DDSketch s = Sketches.decode(stored.state());
    Sketches.mergeInto(s, delta.state());
    return new Row(delta.kind(), delta.resMs(), delta.dim(), delta.dimValue(), delta.bucket(),
        stored.count() + delta.count(), stored.errors() + delta.errors(), Sketches.encode(s),
        Sketches.storedQuantiles(s));
  }

  /** A span's value for one of {@link #SPAN_DIMS}, as the perf metrics read it from the span's own columns. */
  public static String valueOf(SpanFacts s, String dim) {
    String v = switch (dim) {
      case "service" -> s.service();
      case "span.name" -> s.name();
      case "db.system" -> s.dbSystem();
      case "http.status_code" -> s.httpStatus() == null ? null : s.httpStatus().toString();
      case "span.status" -> s.error() ? "error" : "ok";
      default -> throw new IllegalArgumentException("no span rollup per " + dim);
    };
    return v == null ? NONE : v;
  }

  private static Delta delta(Map<List<Object>, Delta> deltas, String kind, long res, String dim, String value,
                             long t) {
    return deltas.computeIfAbsent(List.of(kind, res, dim, value, Math.floorDiv(t, res) * res), k -> new Delta());
  }

  /** What a chunk adds to one row. */
  private static final class Delta {
    final DDSketch sketch = Sketches.empty();
    long count;
    long errors;

    void add(double value, boolean error) {
      sketch.accept(value);
      count++;
      errors += error ? 1 : 0;
    }
  }
}
