package io.uxlens.query.feedback;

import io.uxlens.grafana.DataFrame;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feedback items per bucket, one series per kind (nps, csat, ces, text, ticket). A count is a real zero where
 * nothing arrived, so buckets of a series that exists are 0, not null. Read from the feedback rollups when they can
 * answer ({@link FeedbackData#rolledUp}), else from the rows: the same counts either way.
 */
public final class FeedbackVolume implements Metric {
  private final FeedbackData data;

  public FeedbackVolume(FeedbackData data) {
    this.data = data;
  }

  @Override
  public String id() {
    return "feedback.volume";
  }

  @Override
  public String description() {
    return "Feedback items per bucket, one series per kind (nps, csat, ces, text, ticket)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("kind", "nps, csat, ces, text or ticket"),
        RowColumn.groupBy(), RowColumn.number("value", "feedback items in the bucket"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    String journey = q.payload().first("journey").filter(j -> !FeedbackData.ALL.equals(j)).orElse(null);
    Series<int[]> series = new Series<>(q.buckets(), () -> new int[1]);
    Optional<List<FeedbackData.Rolled>> rolled = data.rolledUp(q);
    if (rolled.isPresent()) {
      for (FeedbackData.Rolled r : rolled.get()) {
        Map<String, String> labels = new LinkedHashMap<>(FeedbackData.labels(r.dims(), groupBy));
        labels.put("kind", r.dims().get("kind"));
        for (int i = 0; i < r.buckets().length; i++) {
          if (r.buckets()[i] != null && r.buckets()[i].items() > 0) {
            series.at(labels, q.buckets().time(i))[0] += Math.toIntExact(r.buckets()[i].items());
          }
        }
      }
    } else {
      for (FeedbackData.Point p : data.items(q)) {
        Map<String, String> labels = new LinkedHashMap<>(FeedbackData.labels(p.dims(), groupBy));
        labels.put("kind", p.feedback().kind());
        int[] c = series.at(labels, p.feedback().timestamp());
        if (c != null) {
          c[0]++;
        }
      }
    }
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<int[]> e : series.entries()) {
      List<Integer> counts = new ArrayList<>();
      e.buckets().forEach(c -> counts.add(c == null ? 0 : c[0]));
      String display = Frames.display(e.labels().get("kind"), journey,
          groupBy == null || groupBy.equals("kind") ? null : e.labels().get(groupBy));
      frames.add(Frames.series(id(), q.buckets(), e.labels(), "short", display, counts));
    }
    return frames;
  }
}
