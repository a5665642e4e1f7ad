package io.uxlens.query.feedback;

import io.uxlens.feedback.Mean;
import io.uxlens.feedback.Scores;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * Mean VADER compound sentiment of feedback text per bucket, in [-1, 1], with the number of texts; thresholds at
 * VADER's conventional negative / positive cut-offs.
 */
public final class FeedbackSentiment implements Metric {
  private final FeedbackData data;
  private final ScoreSeries series;

  public FeedbackSentiment(FeedbackData data) {
    this.data = data;
    this.series = new ScoreSeries(id(), "sentiment", FieldConfig.unit("none").withRange(-1.0, 1.0)
        .withThresholds(List.of(new Threshold(null, "red"), new Threshold(Vader.NEGATIVE_THRESHOLD, "yellow"),
            new Threshold(Vader.POSITIVE_THRESHOLD, "green"))), "texts",
        f -> f.sentiment() != null, items -> {
          Mean m = Scores.sentiment(items);
          return new ScoreSeries.Score(m.value(), m.count());
        });
  }

  @Override
  public String id() {
    return "feedback.sentiment";
  }

  @Override
  public String description() {
    return "Mean VADER compound sentiment of feedback text (-1..1) per bucket, with the number of texts";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return ScoreSeries.rowColumns("mean compound sentiment, -1..1", "texts", "texts scored in the bucket");
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    return series.frames(data, q);
  }
}
