package io.uxlens.query.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.model.BucketGrid;
import io.uxlens.model.Span;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.Writer;
import io.uxlens.telemetry.Sketches;
import io.uxlens.telemetry.TelemetryRollups;
import io.uxlens.telemetry.TelemetrySeries;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A perf bucket that is one stored rollup row answers from the quantiles kept beside its sketch: the same values
 * as decoding the sketch, also after a second rollup run added to the rows, and with spans the job has not reached
 * yet in some of those buckets (then the bucket is more than its row, and is decoded). Rows written before those
 * columns existed (NULL) are decoded until the rollup job fills them in, and a quantile the rows do not keep (p99.9)
 * is always decoded.
 */
class StoredQuantilesTest {
  static final long T0 = 1_777_629_600_000L; // 2026-05-01T10:00:00Z, a whole hour
  static final String[] SERVICES = {"checkout-api", "import-api", "auth"};

  @TempDir Path dir;

  @Test
  void oneRowBucketsAnswerFromTheStoredQuantilesAndOlderRowsAreDecoded() {
    try (Store store = TestStores.open(dir, "stored-quantiles"); Writer writer = new Writer(store.jdbi(), 64)) {
      TelemetryRollupStore rollupStore = new TelemetryRollupStore(store.jdbi());
      TelemetryRollups rollups = new TelemetryRollups(rollupStore, writer);
      Random rnd = new Random(5);
      insert(writer, rnd, 3_000, 0, 0);
      assertThat(rollups.runOnce()).isEqualTo(3_000);
      insert(writer, rnd, 3_000, 3_000, 0); // adds to rows the first run wrote: their quantiles are recomputed
      assertThat(rollups.runOnce()).isEqualTo(3_000);
      // spans the job has not reached yet, in the last 15 minutes as in live traffic, land in buckets that have a
      // stored row: those buckets are decoded
      insert(writer, rnd, 300, 6_000, 3 * 3_600_000L - 900_000L);
      TelemetrySeries series = new TelemetrySeries(rollupStore);

      assertThat(compareAll(series)).as("one-row buckets answered from stored quantiles").isGreaterThan(500);

      // control: the stored p95 is what answers those buckets
      store.jdbi().useHandle(h -> h.execute("UPDATE telemetry_rollups SET p95 = -1"));
      BucketQuantiles.Query p95 = new BucketQuantiles.Query(0.95);
      Map<String, TelemetrySeries.Cell[]> cells = series.spans("service", v -> true, T0, T0 + 180 * 60_000L - 1,
          new BucketGrid(T0, 60_000L, 180), p95.detail()).orElseThrow();
      int minusOne = 0;
      for (TelemetrySeries.Cell[] byMinute : cells.values()) {
        for (TelemetrySeries.Cell c : byMinute) {
          if (c != null) {
            BucketQuantiles b = p95.newBucket();
            b.add(c);
            minusOne += b.value(0) == -1 ? 1 : 0;
          }
        }
      }
      assertThat(minusOne).isGreaterThan(400);

      // an older instance adding to a row moves its count, not its quantiles: the row is decoded
      store.jdbi().useHandle(h -> h.execute("UPDATE telemetry_rollups SET p95 = p99, count = count + 1"));
      assertThat(compareAll(series)).isZero();
      store.jdbi().useHandle(h -> h.execute("UPDATE telemetry_rollups SET count = count - 1"));

      // rows from before the columns existed: decoded, same answers
      store.jdbi().useHandle(h -> h.execute(
          "UPDATE telemetry_rollups SET p50 = NULL, p75 = NULL, p90 = NULL, p95 = NULL, p99 = NULL, "
              + "quantiles_of = NULL"));
      assertThat(compareAll(series)).isZero();

      // the rollup job of an upgraded instance fills them in, a chunk per run, and they answer again
      TelemetryRollups upgraded = new TelemetryRollups(rollupStore, writer);
      long filled = 0;
      for (long n = upgraded.runOnce(); n > 0; n = upgraded.runOnce()) {
        filled += n;
      }
      long without = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM telemetry_rollups "
          + "WHERE quantiles_of IS NULL OR quantiles_of <> count").mapTo(Long.class).one());
      assertThat(filled).isGreaterThan(300); // the spans left pending above, then the rows filled
      assertThat(without).isZero();
      assertThat(compareAll(series)).isGreaterThan(500);
    }
  }

  @Test
  void aJobFarBehindLeavesEveryBucketDecodedAndRight() {
    try (Store store = TestStores.open(dir, "far-behind"); Writer writer = new Writer(store.jdbi(), 64)) {
      TelemetryRollupStore rollupStore = new TelemetryRollupStore(store.jdbi());
      Random rnd = new Random(7);
      insert(writer, rnd, 3_000, 0, 0);
      assertThat(new TelemetryRollups(rollupStore, writer).runOnce()).isEqualTo(3_000);
      // pending all over the three hours: more buckets than are read again one by one
      insert(writer, rnd, 1_000, 3_000, 0);
      compareAll(new TelemetrySeries(rollupStore));
    }
  }

  /**
   * Compares every bucket of three hours at 1 minute, 10 minutes and 1 hour, by service, with its decoded sketch;
   * returns how many buckets had stored quantiles.
   */
  private static int compareAll(TelemetrySeries series) {
    int stored = 0;
    for (long step : new long[] {60_000L, 600_000L, 3_600_000L}) {
      int count = (int) (3 * 3_600_000L / step);
      BucketQuantiles.Query kept = new BucketQuantiles.Query(TelemetryRollupStore.QUANTILES);
      BucketQuantiles.Query unkept = new BucketQuantiles.Query(0.95, 0.999);
      assertThat(kept.detail()).isEqualTo(TelemetryRollupStore.Detail.QUANTILES);
      assertThat(unkept.detail()).isEqualTo(TelemetryRollupStore.Detail.SKETCHES);
      // 30 s into the first minute: the first bucket mixes raw spans and minute rows, so is decoded
      long from = T0 + 30_000;
      long to = T0 + count * step - 1;
      BucketGrid grid = new BucketGrid(T0, step, count);
      Map<String, TelemetrySeries.Cell[]> sketches = series.spans("service", v -> true, from, to, grid,
          unkept.detail()).orElseThrow();
      Map<String, TelemetrySeries.Cell[]> quantiles = series.spans("service", v -> true, from, to, grid,
          kept.detail()).orElseThrow();
      assertThat(sketches).hasSize(SERVICES.length);
      assertThat(quantiles.keySet()).isEqualTo(sketches.keySet());
      for (String service : sketches.keySet()) {
        for (int i = 0; i < count; i++) {
          TelemetrySeries.Cell c = sketches.get(service)[i];
          TelemetrySeries.Cell q = quantiles.get(service)[i];
          assertThat(q == null).isEqualTo(c == null);
          if (c == null) {
            continue;
          }
          DDSketch decoded = Sketches.empty();
          c.mergeInto(decoded);
          stored += q.storedQuantiles() != null ? 1 : 0;
          BucketQuantiles b = kept.newBucket();
          b.add(q);
          assertThat(b.count()).isEqualTo(decoded.getCount());
          for (int k = 0; k < TelemetryRollupStore.QUANTILES.length; k++) {
            assertThat(b.value(k)).isEqualTo(decoded.getValueAtQuantile(TelemetryRollupStore.QUANTILES[k]));
          }
          BucketQuantiles u = unkept.newBucket();
          u.add(c);
          assertThat(u.value(0)).isEqualTo(decoded.getValueAtQuantile(0.95));
          assertThat(u.value(1)).isEqualTo(decoded.getValueAtQuantile(0.999));
        }
      }
    }
    return stored;
  }

  /** {@code n} spans starting between {@code after} ms past T0 and the end of the three hours. */
  private static void insert(Writer writer, Random rnd, int n, int offset, long after) {
    List<Span> spans = new ArrayList<>();
    for (int i = offset; i < offset + n; i++) {
      long start = T0 + after + (long) (rnd.nextDouble() * (3 * 3_600_000L - after));
      spans.add(new Span("t" + i, "s" + i, null, "sess" + (i % 100), SERVICES[rnd.nextInt(SERVICES.length)],
          "GET /x", "server", start, Math.exp(rnd.nextGaussian() * 1.5 + 4), "ok", 200, null, "{}"));
    }
    RecordBatch.EMPTY.withSpans(spans).writeWith(writer).join();
  }
}
