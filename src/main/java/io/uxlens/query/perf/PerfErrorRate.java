package io.uxlens.query.perf;

import io.uxlens.grafana.DataFrame;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Series;
import io.uxlens.store.PerfReads.SpanRow;
import io.uxlens.store.TelemetryRollupStore;
import java.util.ArrayList;
import java.util.List;

/** Share of spans with error status per bucket, with its numerator and denominator; null where no span ran. */
public final class PerfErrorRate implements Metric {
  private final PerfData data;
  private final PerfRollups rollups;

  public PerfErrorRate(PerfData data, io.uxlens.telemetry.TelemetrySeries rollups) {
    this.data = data;
    this.rollups = new PerfRollups(rollups);
  }

  @Override
  public String id() {
    return "perf.error_rate";
  }

  @Override
  public String description() {
    return "Error spans / spans per bucket (0..1), with errors and spans";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        data.serviceOption(),
        data.groupByOption(true));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.groupBy(), RowColumn.number("value", "error spans / spans, 0..1"),
        RowColumn.number("errors", "error spans"), RowColumn.number("spans", "spans in the bucket"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    Series<long[]> series = new Series<>(q.buckets(), () -> new long[2]);
    String service = q.payload().first("service").orElse(null);
    if (!rollups.spans(q, groupBy, service, TelemetryRollupStore.Detail.COUNTS, series, (c, cell) -> {
      c[0] += cell.errors();
      c[1] += cell.count();
    })) {
      for (PerfData.Point<SpanRow> p : data.spans(q, service)) {
        long[] c = series.at(PerfData.labels(p.dims(), groupBy), p.row().start());
        if (c != null) {
          c[0] += p.row().error() ? 1 : 0;
          c[1]++;
        }
      }
    }
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<long[]> e : series.entries()) {
      List<Double> rate = new ArrayList<>();
      List<Long> errors = new ArrayList<>();
      List<Long> spans = new ArrayList<>();
      for (long[] c : e.buckets()) {
        long err = c == null ? 0 : c[0];
        long all = c == null ? 0 : c[1];
        rate.add(all == 0 ? null : (double) err / all);
        errors.add(err);
        spans.add(all);
      }
      frames.add(Frames.series(id(), q.buckets(), e.labels(), "percentunit",
          Frames.display("error rate", groupBy == null ? null : e.labels().get(groupBy)), rate,
          new Frames.Extra("errors", errors), new Frames.Extra("spans", spans)));
    }
    return frames;
  }
}
