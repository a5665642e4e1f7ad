package io.uxlens.server;

import io.uxlens.grafana.DataFrame;
import io.uxlens.prometheus.QueryMetrics;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * A catalogue metric whose queries are timed into {@code uxlens_query_duration_seconds{metric}}. Wrapping the whole
 * catalogue in the composition root times every adapter (JSON API, Infinity rows) without touching the metrics.
 */
record TimedMetric(Metric inner, QueryMetrics timer) implements Metric {
  static List<Metric> all(List<Metric> metrics, QueryMetrics timer) {
    timer.known(metrics.stream().map(Metric::id).toList());
    return metrics.stream().<Metric>map(m -> new TimedMetric(m, timer)).toList();
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public String description() {
    return inner.description();
  }

  @Override
  public List<PayloadOption> options() {
    return inner.options();
  }

  @Override
  public List<RowColumn> rowColumns() {
    return inner.rowColumns();
  }

  @Override
  public List<DataFrame> query(MetricQuery query) {
    try (QueryMetrics.Timer t = timer.time(inner.id())) {
      return inner.query(query);
    }
  }
}
