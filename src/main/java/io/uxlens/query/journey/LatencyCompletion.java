package io.uxlens.query.journey;

import io.uxlens.correlate.PointBiserial;
import io.uxlens.grafana.DataFrame;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * Point-biserial correlation of an attempt's latency (mean span latency) with its completion, per journey: n,
 * the mean latency of completed and abandoned attempts, r, t and the two-sided p-value (Student t, n - 2 degrees
 * of freedom). Negative r: slower attempts complete less. r, t and p are null below 3 attempts, without both
 * outcomes or without spread in latency.
 */
public final class LatencyCompletion implements Metric {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .number("n", "none", "finished attempts with spans")
      .number("completed", "none", "of which completed")
      .number("abandoned", "none", "of which abandoned")
      .maybe("mean_latency_completed_ms", "ms", "mean latency of completed attempts")
      .maybe("mean_latency_abandoned_ms", "ms", "mean latency of abandoned attempts")
      .maybe("r", "none", "point-biserial correlation, -1..1")
      .maybe("t", "none", "t statistic, n - 2 degrees of freedom")
      .maybe("p_value", "none", "two-sided p-value");

  private final JourneyData data;

  public LatencyCompletion(JourneyData data) {
    this.data = data;
  }

  @Override
  public String id() {
    return "correlation.latency_completion";
  }

  @Override
  public String description() {
    return "Point-biserial correlation of attempt latency with completion per journey: n, r, t, p-value";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return TABLE.rowColumns();
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    Table.Rows rows = TABLE.rows();
    for (JourneyDefinition j : data.journeys(q)) {
      PointBiserial pb = PointBiserial.of(data.attempts(q, j));
      rows.add(j.id(), pb.n(), pb.completed(), pb.abandoned(), pb.meanLatencyCompletedMs(),
          pb.meanLatencyAbandonedMs(), pb.r(), pb.t(), pb.pValue());
    }
    return List.of(rows.frame(id()));
  }
}
