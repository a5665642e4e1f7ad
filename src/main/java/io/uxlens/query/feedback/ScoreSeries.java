package io.uxlens.query.feedback;

import io.uxlens.references.IndustryReference;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.model.Feedback;
import io.uxlens.query.Frames;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The shape NPS, CSAT and sentiment share: the items a score counts, bucketed per series; one frame per series
 * with the score (null where the bucket has no item it counts, never NaN) and its count as the denominator.
 */
final class ScoreSeries {
  /** A bucket's score and how many items it rests on. */
  record Score(Double value, int count) {}

  private final String metricId;
  private final String name;
  private final FieldConfig config;
  private final String countName;
  private final Predicate<Feedback> counts;
  private final Function<List<Feedback>, Score> score;

  ScoreSeries(String metricId, String name, FieldConfig config, String countName, Predicate<Feedback> counts,
      Function<List<Feedback>, Score> score) {
    this.metricId = metricId;
    this.name = name;
    this.config = config;
    this.countName = countName;
    this.counts = counts;
    this.score = score;
  }

  List<DataFrame> frames(FeedbackData data, MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    String journey = q.payload().first("journey").filter(j -> !FeedbackData.ALL.equals(j)).orElse(null);
    Series<List<Feedback>> series = new Series<>(q.buckets(), ArrayList::new);
    for (FeedbackData.Point p : data.items(q)) {
      if (counts.test(p.feedback())) {
        List<Feedback> bucket = series.at(FeedbackData.labels(p.dims(), groupBy), p.feedback().timestamp());
        if (bucket != null) {
          bucket.add(p.feedback());
        }
      }
    }
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<List<Feedback>> e : series.entries()) {
      List<Double> values = new ArrayList<>();
      List<Integer> n = new ArrayList<>();
      for (List<Feedback> bucket : e.buckets()) {
        Score s = bucket == null ? new Score(null, 0) : score.apply(bucket);
        values.add(s.count() == 0 ? null : s.value());
        n.add(s.count());
      }
      String display = Frames.display(name, journey, groupBy == null ? null : e.labels().get(groupBy));
      frames.add(Frames.series(metricId, q.buckets(), e.labels(), config.withDisplayName(display), values,
          new Frames.Extra(countName, n)));
    }
    return frames;
  }

  static List<RowColumn> rowColumns(String value, String countName, String count) {
    return List.of(RowColumn.time(), RowColumn.groupBy(), RowColumn.number("value", value),
        RowColumn.number(countName, count));
  }

  /** Red below the benchmark, green from it up: the panel shows at a glance which side a score is on. */
  static List<Threshold> benchmarkSteps(Optional<IndustryReference> benchmark) {
    return benchmark.filter(IndustryReference::higherIsBetter)
        .map(b -> List.of(new Threshold(null, "red"), new Threshold(b.value(), "green")))
        .orElse(List.of());
  }
}
