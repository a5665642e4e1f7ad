package io.uxlens.query;

import io.uxlens.grafana.DataFrame;
import java.util.List;

/**
 * One entry of the query catalogue. A metric declares its payload options and its Infinity row columns, and
 * answers a validated query with data frames; it never sees HTTP or JSON. Adding a metric = one class
 * implementing this + one {@code Catalogue.builder().add(...)} line in the composition root.
 */
public interface Metric {
  /** Dot-separated id, e.g. {@code perf.latency}. */
  String id();

  String description();

  List<PayloadOption> options();

  List<RowColumn> rowColumns();

  /** Frames for the query; time series frames carry a {@code time} field and a labelled {@code value} field. */
  List<DataFrame> query(MetricQuery query);
}
