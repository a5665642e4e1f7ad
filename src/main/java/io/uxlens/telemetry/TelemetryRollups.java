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
        return added;
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
          (String) k.get(3), (Long) k.get(4), d.count, d.errors, Sketches.encode(d.sketch))));
      Cursor next = new Cursor(spans.isEmpty() ? c.spans() : spans.get(spans.size() - 1).seq(),
          measurements.isEmpty() ? c.measurements() : measurements.get(measurements.size() - 1).seq());
      try {
        TelemetryRollupStore.merge(writer, rows, Sketches::merge, c, next).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while saving telemetry rollups", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("saving telemetry rollups failed: " + e.getCause().getMessage(),
            e.getCause());
      }
      added += spans.size() + measurements.size();
    }
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
