package io.uxlens.query.feedback;

import io.uxlens.references.IndustryReferences;
import io.uxlens.feedback.Csat;
import io.uxlens.feedback.Scores;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * Customer satisfaction per bucket: percent of 4-5 of 5 answers (0-100, the benchmark's unit) with its response
 * count; thresholds at the CSAT benchmark.
 */
public final class FeedbackCsat implements Metric {
  private final FeedbackData data;
  private final ScoreSeries series;

  public FeedbackCsat(FeedbackData data, IndustryReferences benchmarks) {
    this.data = data;
    this.series = new ScoreSeries(id(), "CSAT", FieldConfig.unit("percent").withRange(0.0, 100.0)
        .withThresholds(ScoreSeries.benchmarkSteps(benchmarks.get("csat"))), "responses",
        f -> Scores.CSAT.equals(f.kind()), items -> {
          Csat csat = Scores.csat(items);
          return new ScoreSeries.Score(csat.percent(), csat.responses());
        });
  }

  @Override
  public String id() {
    return "feedback.csat";
  }

  @Override
  public String description() {
    return "CSAT: percent of answers 4 or 5 of 5 (0-100) per bucket, with responses";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return ScoreSeries.rowColumns("CSAT percent, 0..100", "responses", "CSAT responses in the bucket");
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    return series.frames(data, q);
  }
}
