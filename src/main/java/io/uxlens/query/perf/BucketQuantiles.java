package io.uxlens.query.perf;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.telemetry.Sketches;
import io.uxlens.telemetry.TelemetrySeries;

/**
 * One bucket's count and quantiles. Raw values go into a sketch of the bucket's own; a rollup cell (a bucket's only
 * input when the rollups answer) gives the quantiles its one stored row keeps, or else is read through the query's
 * one scratch sketch and kept as numbers, so a week of 10-minute buckets per service holds no thousand sketches, nor
 * grows each one bin range by bin range.
 */
final class BucketQuantiles {
  private final Query query;
  private DDSketch sketch;
  private double count;
  private double[] values;

  private BucketQuantiles(Query query) {
    this.query = query;
  }

  /** The quantiles one query asks for, and the scratch sketch its rollup cells are read through. */
  static final class Query {
    private final double[] fractions;
    private final DDSketch scratch = Sketches.empty();
    /** Where each fraction sits among the quantiles rollup rows keep; null when one of them is not kept. */
    private final int[] storedAt;

    Query(double... fractions) {
      this.fractions = fractions.clone();
      this.storedAt = storedAt(fractions);
    }

    private static int[] storedAt(double[] fractions) {
      int[] at = new int[fractions.length];
      for (int i = 0; i < fractions.length; i++) {
        at[i] = -1;
        for (int k = 0; k < TelemetryRollupStore.QUANTILES.length; k++) {
          if (TelemetryRollupStore.QUANTILES[k] == fractions[i]) {
            at[i] = k;
          }
        }
        if (at[i] < 0) {
          return null;
        }
      }
      return at;
    }

    /** What to read of rollup rows: their stored quantiles when they keep every one asked, else sketches. */
    TelemetryRollupStore.Detail detail() {
      return storedAt != null ? TelemetryRollupStore.Detail.QUANTILES : TelemetryRollupStore.Detail.SKETCHES;
    }

    BucketQuantiles newBucket() {
      return new BucketQuantiles(this);
    }
  }

  void accept(double value) {
    if (values != null) {
      throw new IllegalStateException("raw values after a rollup cell in one bucket");
    }
    if (sketch == null) {
      sketch = Sketches.empty();
    }
    sketch.accept(value);
  }

  void add(TelemetrySeries.Cell cell) {
    if (sketch != null || values != null) {
      throw new IllegalStateException("a bucket takes one rollup cell and nothing else");
    }
    double[] stored = cell.storedQuantiles();
    if (stored != null && query.storedAt != null) {
      // the row's own quantiles: no sketch to decode for a bucket that is one stored row
      count = cell.count();
      values = new double[query.fractions.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = stored[query.storedAt[i]];
      }
      return;
    }
    query.scratch.clear();
    cell.mergeInto(query.scratch);
    summarize(query.scratch);
  }

  double count() {
    finish();
    return count;
  }

  /** The i-th quantile asked for, null for an empty bucket. */
  Double value(int i) {
    finish();
    return count == 0 ? null : values[i];
  }

  private void finish() {
    if (values == null) {
      summarize(sketch == null ? Sketches.empty() : sketch);
      sketch = null;
    }
  }

  private void summarize(DDSketch s) {
    count = s.getCount();
    values = s.isEmpty() ? new double[query.fractions.length] : s.getValuesAtQuantiles(query.fractions);
  }
}
