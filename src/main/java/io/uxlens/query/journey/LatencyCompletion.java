package io.uxlens.query.journey;

import io.uxlens.correlate.PointBiserial;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;

/**
 * Point-biserial correlation of an attempt's latency (mean span latency) with its completion, per journey: n,
 * the mean latency of completed and abandoned attempts, r, t and the two-sided p-value (Student t, n - 2 degrees
 * of freedom). Negative r: slower attempts complete less. r, t and p are null below 3 attempts, without both
 * outcomes or without spread in latency.
 */
public final class LatencyCompletion extends PerJourneyTable {
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

  public LatencyCompletion(JourneyData data) {
    super("correlation.latency_completion",
        "Point-biserial correlation of attempt latency with completion per journey: n, r, t, p-value", TABLE, data);
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    PointBiserial pb = PointBiserial.of(data.attempts(q, j));
    rows.add(j.id(), pb.n(), pb.completed(), pb.abandoned(), pb.meanLatencyCompletedMs(),
        pb.meanLatencyAbandonedMs(), pb.r(), pb.t(), pb.pValue());
  }
}
