package io.uxlens.query.perf;

import io.uxlens.grafana.DataFrame;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.Quantiles;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Series;
import io.uxlens.store.PerfReads.SpanRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Span duration quantiles per bucket. Quantiles come from a DDSketch with 1% relative accuracy (mergeable, so
 * the same code serves rollups later); counts are exact.
 */
public final class PerfLatency implements Metric {
  static final double RELATIVE_ACCURACY = 0.01;

  private final PerfData data;
  private final PerfRollups rollups;

  public PerfLatency(PerfData data, io.uxlens.telemetry.TelemetrySeries rollups) {
    this.data = data;
    this.rollups = new PerfRollups(rollups);
  }

  @Override
  public String id() {
    return "perf.latency";
  }

  @Override
  public String description() {
    return "Span duration quantiles (ms) per bucket, from DDSketch (1% relative accuracy)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        PayloadOption.multi("quantile", "Quantile", OptionSource.fixed("p50", "p75", "p90", "p95", "p99"),
            "quantiles of span duration").withDefaults("p50", "p95", "p99"),
        data.serviceOption(),
        data.groupByOption(true));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("quantile", "p50, p95..."), RowColumn.groupBy(),
        RowColumn.number("value", "duration in ms"), RowColumn.number("count", "spans in the bucket"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    List<String> quantiles = q.payload().all("quantile");
    BucketQuantiles.Query asked = new BucketQuantiles.Query(
        quantiles.stream().mapToDouble(Quantiles::fraction).toArray());
    Series<BucketQuantiles> series = new Series<>(q.buckets(), asked::newBucket);
    String service = q.payload().first("service").orElse(null);
    if (!rollups.spans(q, groupBy, service, asked.detail(), series, BucketQuantiles::add)) {
      for (PerfData.Point<SpanRow> p : data.spans(q, service)) {
        BucketQuantiles b = series.at(PerfData.labels(p.dims(), groupBy), p.row().start());
        if (b != null) {
          b.accept(p.row().durationMs());
        }
      }
    }
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<BucketQuantiles> e : series.entries()) {
      List<Long> counts = new ArrayList<>();
      for (BucketQuantiles b : e.buckets()) {
        counts.add(b == null ? 0L : (long) b.count());
      }
      for (int i = 0; i < quantiles.size(); i++) {
        String quantile = quantiles.get(i);
        List<Double> values = new ArrayList<>();
        for (BucketQuantiles b : e.buckets()) {
          values.add(b == null ? null : b.value(i));
        }
        Map<String, String> labels = new LinkedHashMap<>(e.labels());
        labels.put("quantile", quantile);
        frames.add(Frames.series(id(), q.buckets(), labels, "ms",
            Frames.display(quantile, groupBy == null ? null : e.labels().get(groupBy)), values,
            new Frames.Extra("count", counts)));
      }
    }
    return frames;
  }
}
