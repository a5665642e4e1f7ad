package io.uxlens.query.feedback;

import io.uxlens.references.IndustryReferences;
import io.uxlens.feedback.Nps;
import io.uxlens.feedback.Scores;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/** Net Promoter Score per bucket (-100..100) with its response count; thresholds at the NPS benchmark. */
public final class FeedbackNps implements Metric {
  private final FeedbackData data;
  private final ScoreSeries series;

  public FeedbackNps(FeedbackData data, IndustryReferences benchmarks) {
    this.data = data;
    this.series = new ScoreSeries(id(), "NPS", FieldConfig.unit("none").withRange(-100.0, 100.0)
        .withThresholds(ScoreSeries.benchmarkSteps(benchmarks.get("nps"))), "responses",
        f -> Scores.NPS.equals(f.kind()), items -> {
          Nps nps = Scores.nps(items);
          return new ScoreSeries.Score(nps.value(), nps.responses());
        });
  }

  @Override
  public String id() {
    return "feedback.nps";
  }

  @Override
  public String description() {
    return "Net Promoter Score (% promoters 9-10 minus % detractors 0-6, -100..100) per bucket, with responses";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return ScoreSeries.rowColumns("NPS, -100..100", "responses", "NPS responses in the bucket");
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    return series.frames(data, q);
  }
}
