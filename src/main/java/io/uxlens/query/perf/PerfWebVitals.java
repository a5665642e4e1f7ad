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
import io.uxlens.store.PerfReads.MeasurementRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Core web vitals from browser measurements: a quantile per vital per bucket (p75 by default, as Google rates). */
public final class PerfWebVitals implements Metric {
  private final PerfData data;
  private final PerfRollups rollups;

  public PerfWebVitals(PerfData data, io.uxlens.telemetry.TelemetrySeries rollups) {
    this.data = data;
    this.rollups = new PerfRollups(rollups);
  }

  @Override
  public String id() {
    return "perf.web_vitals";
  }

  @Override
  public String description() {
    return "Web vitals (lcp, inp, fcp, ttfb in ms; cls unitless): a quantile per bucket, from DDSketch";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        PayloadOption.multi("vital", "Vital", OptionSource.fixed("lcp", "inp", "cls", "fcp", "ttfb"),
            "which web vitals").withDefaults("lcp", "inp", "cls"),
        PayloadOption.select("quantile", "Quantile", OptionSource.fixed("p50", "p75", "p90", "p95", "p99"),
            "quantile over page views").withDefaults("p75"),
        data.groupByOption(false));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("vital", "lcp, inp, cls..."),
        RowColumn.label("quantile", "p75..."), RowColumn.groupBy(),
        RowColumn.number("value", "ms, or unitless for cls"), RowColumn.number("count", "measurements"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    String quantile = q.payload().first("quantile").orElseThrow();
    double f = Quantiles.fraction(quantile);
    BucketQuantiles.Query asked = new BucketQuantiles.Query(f);
    Series<BucketQuantiles> series = new Series<>(q.buckets(), asked::newBucket);
    List<String> vitals = q.payload().all("vital");
    boolean fromRollups = groupBy == null && vitals.stream().allMatch(v -> rollups.measurements(q, v,
        Map.of("vital", v, "quantile", quantile), asked.detail(), series, BucketQuantiles::add));
    for (PerfData.Point<MeasurementRow> p : fromRollups ? List.<PerfData.Point<MeasurementRow>>of()
        : data.measurements(q, vitals)) {
      Map<String, String> labels = new LinkedHashMap<>(PerfData.labels(p.dims(), groupBy));
      labels.put("vital", p.row().name());
      labels.put("quantile", quantile);
      BucketQuantiles b = series.at(labels, p.row().time());
      if (b != null) {
        b.accept(p.row().value());
      }
    }
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<BucketQuantiles> e : series.entries()) {
      List<Double> values = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      for (BucketQuantiles b : e.buckets()) {
        values.add(b == null ? null : b.value(0));
        counts.add(b == null ? 0L : (long) b.count());
      }
      String vital = e.labels().get("vital");
      frames.add(Frames.series(id(), q.buckets(), e.labels(), vital.equals("cls") ? "none" : "ms",
          Frames.display(vital.toUpperCase(java.util.Locale.ROOT), quantile,
              groupBy == null ? null : e.labels().get(groupBy)),
          values, new Frames.Extra("count", counts)));
    }
    return frames;
  }
}
