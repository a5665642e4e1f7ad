package io.uxlens.query.feedback;

import io.uxlens.feedback.Csat;
import io.uxlens.feedback.FeedbackTally;
import io.uxlens.feedback.Mean;
import io.uxlens.feedback.Nps;
import io.uxlens.feedback.Scores;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.model.Feedback;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.query.Series;
import io.uxlens.references.IndustryReference;
import io.uxlens.references.IndustryReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The score metrics NPS, CSAT, CES and sentiment share one shape: the items a score counts, bucketed per series;
 * one frame per series with the score (null where the bucket has no item it counts, never NaN) and its count as
 * the denominator. Each metric is one factory below. Read from the feedback rollups when they can answer
 * ({@link FeedbackData#rolledUp}), else from the rows: the same doubles either way.
 */
public final class FeedbackScore implements Metric {
  /** A bucket's score and how many items it rests on. */
  record Score(Double value, int count) {}

  /** What a score metric is called and how its columns read. */
  private record Names(String id, String description, String series, String value, String countName,
                       String count) {}

  private final FeedbackData data;
  private final Names names;
  private final FieldConfig config;
  private final Predicate<Feedback> counts;
  private final Function<List<Feedback>, Score> score;
  /** The kind of the rollup rows the score reads; null: every kind. */
  private final String kind;
  /** The items of a tally this score's series count (as {@link #counts} picks them from rows). */
  private final ToLongFunction<FeedbackTally> counted;
  private final Function<FeedbackTally, Score> tallyScore;

  private FeedbackScore(FeedbackData data, Names names, FieldConfig config, Predicate<Feedback> counts,
      Function<List<Feedback>, Score> score, String kind, ToLongFunction<FeedbackTally> counted,
      Function<FeedbackTally, Score> tallyScore) {
    this.data = data;
    this.names = names;
    this.config = config;
    this.counts = counts;
    this.score = score;
    this.kind = kind;
    this.counted = counted;
    this.tallyScore = tallyScore;
  }

  /** Net Promoter Score: % promoters (9-10) minus % detractors (0-6), red below the reference value. */
  public static FeedbackScore nps(FeedbackData data, IndustryReferences references) {
    return new FeedbackScore(data, new Names("feedback.nps", "Net Promoter Score (% promoters 9-10 minus %"
        + " detractors 0-6, -100..100) per bucket, with responses", "NPS", "NPS, -100..100", "responses",
        "NPS responses in the bucket"), FieldConfig.unit("none").withRange(-100.0, 100.0)
        .withThresholds(referenceSteps(references.get("nps"))), f -> Scores.NPS.equals(f.kind()),
        items -> nps(Scores.nps(items)), Scores.NPS, FeedbackTally::items, t -> nps(t.nps()));
  }

  /** CSAT: percent of answers 4 or 5 of 5, red below the reference value. */
  public static FeedbackScore csat(FeedbackData data, IndustryReferences references) {
    return new FeedbackScore(data, new Names("feedback.csat", "CSAT: percent of answers 4 or 5 of 5 (0-100) per"
        + " bucket, with responses", "CSAT", "CSAT percent, 0..100", "responses", "CSAT responses in the bucket"),
        FieldConfig.unit("percent").withRange(0.0, 100.0).withThresholds(referenceSteps(references.get("csat"))),
        f -> Scores.CSAT.equals(f.kind()), items -> csat(Scores.csat(items)), Scores.CSAT, FeedbackTally::items,
        t -> csat(t.csat()));
  }

  /** Customer effort score: mean of 1-7 answers (7 = very easy); below 4 (more effort than neutral) is red. */
  public static FeedbackScore ces(FeedbackData data) {
    return new FeedbackScore(data, new Names("feedback.ces", "CES: mean customer effort score (1..7, 7 = easiest)"
        + " per bucket, with responses", "CES", "mean CES, 1..7", "responses", "CES responses in the bucket"),
        FieldConfig.unit("none").withRange(1.0, 7.0).withThresholds(List.of(new Threshold(null, "red"),
            new Threshold(4.0, "yellow"), new Threshold(5.0, "green"))),
        f -> Scores.CES.equals(f.kind()), items -> mean(Scores.ces(items)), Scores.CES, FeedbackTally::items,
        t -> mean(t.ces()));
  }

  /** Mean VADER compound of feedback texts, coloured at VADER's own negative and positive thresholds. */
  public static FeedbackScore sentiment(FeedbackData data) {
    return new FeedbackScore(data, new Names("feedback.sentiment", "Mean VADER compound sentiment of feedback text"
        + " (-1..1) per bucket, with the number of texts", "sentiment", "mean compound sentiment, -1..1", "texts",
        "texts scored in the bucket"), FieldConfig.unit("none").withRange(-1.0, 1.0)
        .withThresholds(List.of(new Threshold(null, "red"), new Threshold(Vader.NEGATIVE_THRESHOLD, "yellow"),
            new Threshold(Vader.POSITIVE_THRESHOLD, "green"))),
        f -> f.sentiment() != null, items -> mean(Scores.sentiment(items)), null, FeedbackTally::texts,
        t -> mean(t.sentiment()));
  }

  private static Score mean(Mean m) {
    return new Score(m.value(), m.count());
  }

  private static Score nps(Nps nps) {
    return new Score(nps.value(), nps.responses());
  }

  private static Score csat(Csat csat) {
    return new Score(csat.percent(), csat.responses());
  }

  @Override
  public String id() {
    return names.id();
  }

  @Override
  public String description() {
    return names.description();
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.groupBy(), RowColumn.number("value", names.value()),
        RowColumn.number(names.countName(), names.count()));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String groupBy = q.payload().first("group_by").orElse(null);
    String journey = q.payload().first("journey").filter(j -> !FeedbackData.ALL.equals(j)).orElse(null);
    Optional<List<FeedbackData.Rolled>> rolled = data.rolledUp(q, kind);
    if (rolled.isPresent()) {
      Series<FeedbackTally> series = new Series<>(q.buckets(), FeedbackTally::new);
      for (FeedbackData.Rolled r : rolled.get()) {
        if (kind == null || kind.equals(r.dims().get("kind"))) {
          Map<String, String> labels = FeedbackData.labels(r.dims(), groupBy);
          for (int i = 0; i < r.buckets().length; i++) {
            if (r.buckets()[i] != null && counted.applyAsLong(r.buckets()[i]) > 0) {
              series.at(labels, q.buckets().time(i)).add(r.buckets()[i]);
            }
          }
        }
      }
      return frames(q, groupBy, journey, series, tallyScore);
    }
    Series<List<Feedback>> series = new Series<>(q.buckets(), ArrayList::new);
    for (FeedbackData.Point p : data.items(q)) {
      if (counts.test(p.feedback())) {
        List<Feedback> bucket = series.at(FeedbackData.labels(p.dims(), groupBy), p.feedback().timestamp());
        if (bucket != null) {
          bucket.add(p.feedback());
        }
      }
    }
    return frames(q, groupBy, journey, series, score);
  }

  /** One frame per series: each bucket's score (null where it counts no item) and count. */
  private <A> List<DataFrame> frames(MetricQuery q, String groupBy, String journey, Series<A> series,
      Function<A, Score> scoreOf) {
    List<DataFrame> frames = new ArrayList<>();
    for (Series.Entry<A> e : series.entries()) {
      List<Double> values = new ArrayList<>();
      List<Integer> n = new ArrayList<>();
      for (A bucket : e.buckets()) {
        Score s = bucket == null ? new Score(null, 0) : scoreOf.apply(bucket);
        values.add(s.count() == 0 ? null : s.value());
        n.add(s.count());
      }
      String display = Frames.display(names.series(), journey, groupBy == null ? null : e.labels().get(groupBy));
      frames.add(Frames.series(id(), q.buckets(), e.labels(), config.withDisplayName(display), values,
          new Frames.Extra(names.countName(), n)));
    }
    return frames;
  }

  /** Red below the reference value, green from it up: the panel shows at a glance which side a score is on. */
  static List<Threshold> referenceSteps(Optional<IndustryReference> reference) {
    return reference.filter(IndustryReference::higherIsBetter)
        .map(b -> List.of(new Threshold(null, "red"), new Threshold(b.value(), "green")))
        .orElse(List.of());
  }
}
