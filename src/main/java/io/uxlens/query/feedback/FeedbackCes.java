package io.uxlens.query.feedback;

import io.uxlens.feedback.Mean;
import io.uxlens.feedback.Scores;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * Customer effort score per bucket: the mean of 1-7 answers (7 = very easy) with its response count. Thresholds
 * mark below 4 (more effort than neutral) red and 5 or more green.
 */
public final class FeedbackCes implements Metric {
  private final FeedbackData data;
  private final ScoreSeries series;

  public FeedbackCes(FeedbackData data) {
    this.data = data;
    this.series = new ScoreSeries(id(), "CES", FieldConfig.unit("none").withRange(1.0, 7.0)
        .withThresholds(List.of(new Threshold(null, "red"), new Threshold(4.0, "yellow"),
            new Threshold(5.0, "green"))), "responses",
        f -> Scores.CES.equals(f.kind()), items -> {
          Mean ces = Scores.ces(items);
          return new ScoreSeries.Score(ces.value(), ces.count());
        });
  }

  @Override
  public String id() {
    return "feedback.ces";
  }

  @Override
  public String description() {
    return "CES: mean customer effort score (1..7, 7 = easiest) per bucket, with responses";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return ScoreSeries.rowColumns("mean CES, 1..7", "responses", "CES responses in the bucket");
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    return series.frames(data, q);
  }
}
