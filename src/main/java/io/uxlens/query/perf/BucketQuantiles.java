package io.uxlens.query.perf;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.telemetry.Sketches;
import io.uxlens.telemetry.TelemetrySeries;

/**
 * One bucket's count and quantiles. Raw values go into a sketch of the bucket's own; a rollup cell (a bucket's only
 * input when the rollups answer) is read through the query's one scratch sketch and kept as numbers, so a week of
 * 10-minute buckets per service holds no thousand sketches, nor grows each one bin range by bin range.
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

    Query(double... fractions) {
      this.fractions = fractions.clone();
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
