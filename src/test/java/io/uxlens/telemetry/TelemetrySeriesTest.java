package io.uxlens.telemetry;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import io.uxlens.store.PerfReads;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Span and measurement series from the rollups against the same series computed from every stored row, on random
 * telemetry over two days: half of it rolled up, half still waiting for the rollup job, and ranges that are not
 * whole minutes (what Grafana sends). Counts and errors must be equal and every quantile identical (the same
 * sketch bins either way).
 */
class TelemetrySeriesTest {
  static final long T0 = 1_777_629_600_000L; // 2026-05-01T10:00:00Z
  static final String[] SERVICES = {"checkout-api", "import-api", "auth", null};
  static final String[] NAMES = {"GET /cart", "POST /orders", "SELECT orders", "POST /import"};

  @TempDir Path dir;

  @Test
  void rollupsPlusPendingRowsEqualTheRows() {
    Store store = TestStores.open(dir, "telemetry");
    Writer writer = new Writer(store.jdbi(), 64);
    try {
      Random rnd = new Random(11);
      TelemetryRollupStore rollupStore = new TelemetryRollupStore(store.jdbi());
      TelemetryRollups rollups = new TelemetryRollups(rollupStore, writer);
      insert(writer, rnd, 6_000, 0);
      assertThat(rollups.runOnce()).isEqualTo(6_000 + 6_000 / 3);
      insert(writer, rnd, 2_000, 6_000); // arrived after the last run: read from the rows
      TelemetrySeries series = new TelemetrySeries(rollupStore);
      PerfReads reads = new PerfReads(store.jdbi());
      long[][] ranges = {{T0 + 17_321, T0 + 2 * 86_400_000L - 4_999}, {T0 - 3_600_000L, T0 + 86_400_000L},
          {T0 + 3_599_999, T0 + 3 * 3_600_000L + 1}};
      int compared = 0;
      DDSketch scratch = Sketches.empty();
      for (long[] r : ranges) {
        for (long step : new long[] {60_000L, 1_200_000L, 3_600_000L}) {
          io.uxlens.model.BucketGrid grid = new io.uxlens.model.BucketGrid(Math.floorDiv(r[0], step) * step, step,
              (int) ((r[1] - Math.floorDiv(r[0], step) * step) / step + 1));
          for (String dim : new String[] {null, "service", "span.name", "db.system", "http.status_code",
              "span.status"}) {
            Map<String, TelemetrySeries.Cell[]> rolled = series.spans(dim, v -> true, r[0], r[1], grid,
                TelemetryRollupStore.Detail.SKETCHES).orElseThrow();
            // what perf.error_rate reads: counts alone, from the index
            Map<String, TelemetrySeries.Cell[]> counted = series.spans(dim, v -> true, r[0], r[1], grid,
                TelemetryRollupStore.Detail.COUNTS).orElseThrow();
            Map<String, Expected[]> scanned = new TreeMap<>();
            for (PerfReads.SpanRow s : reads.spans(r[0], r[1], null)) {
              int i = grid.index(s.start());
              if (i >= 0) {
                String v = dim == null ? "" : valueOf(s, dim);
                Expected[] cells = scanned.computeIfAbsent(v, k -> new Expected[grid.count()]);
                cells[i] = cells[i] == null ? new Expected() : cells[i];
                cells[i].add(s.durationMs(), s.error());
              }
            }
            assertThat(rolled.keySet()).isEqualTo(scanned.keySet());
            for (String v : scanned.keySet()) {
              for (int i = 0; i < grid.count(); i++) {
                Expected e = scanned.get(v)[i];
                TelemetrySeries.Cell c = rolled.get(v)[i];
                assertThat(c == null).as("%s %s bucket %d", dim, v, i).isEqualTo(e == null);
                if (e != null) {
                  assertThat(c.count()).isEqualTo(e.count);
                  assertThat(c.errors()).isEqualTo(e.errors);
                  assertThat(counted.get(v)[i].count()).isEqualTo(e.count);
                  assertThat(counted.get(v)[i].errors()).isEqualTo(e.errors);
                  for (double q : new double[] {0.5, 0.95, 0.99}) {
                    assertThat(sketchOf(c).getValueAtQuantile(q)).isEqualTo(e.sketch.getValueAtQuantile(q));
                  }
                  // perf.latency reads every cell through one cleared scratch sketch: the same answer
                  scratch.clear();
                  c.mergeInto(scratch);
                  assertThat(scratch.getValuesAtQuantiles(new double[] {0.5, 0.95, 0.99})).containsExactly(
                      e.sketch.getValueAtQuantile(0.5), e.sketch.getValueAtQuantile(0.95),
                      e.sketch.getValueAtQuantile(0.99));
                  assertThat(scratch.getCount()).isEqualTo((double) e.count);
                  compared++;
                }
              }
            }
          }
          TelemetrySeries.Cell[] lcp = series.measurements("lcp", r[0], r[1], grid,
              TelemetryRollupStore.Detail.SKETCHES).orElseThrow();
          Expected[] expected = new Expected[grid.count()];
          for (PerfReads.MeasurementRow m : reads.measurements(r[0], r[1], List.of("lcp"))) {
            int i = grid.index(m.time());
            if (i >= 0) {
              expected[i] = expected[i] == null ? new Expected() : expected[i];
              expected[i].add(m.value(), false);
            }
          }
          for (int i = 0; i < grid.count(); i++) {
            assertThat(lcp[i] == null).isEqualTo(expected[i] == null);
            if (expected[i] != null) {
              assertThat(lcp[i].count()).isEqualTo(expected[i].count);
              assertThat(sketchOf(lcp[i]).getValueAtQuantile(0.75))
                  .isEqualTo(expected[i].sketch.getValueAtQuantile(0.75));
            }
          }
        }
      }
      assertThat(compared).isGreaterThan(5_000);
      assertThat(series.spans(null, v -> true, T0, T0 + 3_600_000L, new io.uxlens.model.BucketGrid(T0, 20_000, 180),
        TelemetryRollupStore.Detail.SKETCHES))
          .as("20 s buckets are not whole minutes: the rows answer").isEmpty();
    } finally {
      writer.close();
      store.close();
    }
  }

  private static DDSketch sketchOf(TelemetrySeries.Cell c) {
    DDSketch s = Sketches.empty();
    c.mergeInto(s);
    return s;
  }

  private static String valueOf(PerfReads.SpanRow s, String dim) {
    String v = switch (dim) {
      case "service" -> s.service();
      case "span.name" -> s.name();
      case "db.system" -> s.dbSystem();
      case "http.status_code" -> s.httpStatus() == null ? null : s.httpStatus().toString();
      default -> s.error() ? "error" : "ok";
    };
    return v == null ? TelemetryRollups.NONE : v;
  }

  private static void insert(Writer writer, Random rnd, int n, int offset) {
    List<Span> spans = new ArrayList<>();
    List<Measurement> measurements = new ArrayList<>();
    for (int i = offset; i < offset + n; i++) {
      long start = T0 + (long) (rnd.nextDouble() * 2 * 86_400_000L);
      String name = NAMES[rnd.nextInt(NAMES.length)];
      boolean error = rnd.nextDouble() < 0.07;
      Integer http = rnd.nextBoolean() ? (error ? 503 : 200) : null;
      spans.add(new Span("t" + i, "s" + i, null, "sess" + (i % 300), SERVICES[rnd.nextInt(SERVICES.length)], name,
          "server", start, Math.exp(rnd.nextGaussian() * 1.5 + 4), error ? "error" : "ok", http,
          name.startsWith("SELECT") ? "postgresql" : null, "{}"));
      if (i % 3 == 0) {
        measurements.add(new Measurement("m" + i, "sess" + (i % 300), "lcp", 500 + rnd.nextDouble() * 4_000, "ms",
            start, "{}"));
      }
    }
    RecordBatch.EMPTY.withSpans(spans).withMeasurements(measurements).writeWith(writer).join();
  }

  private static final class Expected {
    final DDSketch sketch = Sketches.empty();
    long count;
    long errors;

    void add(double v, boolean error) {
      sketch.accept(v);
      count++;
      errors += error ? 1 : 0;
    }
  }
}
