package io.uxlens.query.feedback;

import io.uxlens.Refusal;
import io.uxlens.feedback.ComplaintPhrases;
import io.uxlens.feedback.PainPoint;
import io.uxlens.feedback.PainPoints;
import io.uxlens.feedback.Sprint;
import io.uxlens.feedback.SprintCalendar;
import io.uxlens.feedback.StoredComplaints;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.model.Feedback;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.store.ComplaintStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The top pain points of the sprint that holds the end of the range, against the sprint before: a table of rank,
 * theme, mentions, share of negative feedback, mean sentiment, change in mentions, previous mentions, journeys
 * and the most negative quote. Text is masked (e-mail, phone, card numbers) before themes are extracted, so
 * neither themes nor quotes can show personal data.
 */
public final class FeedbackPainPoints implements Metric {
  private final FeedbackData data;
  private final SprintCalendar defaults;
  private final PainPoints painPoints;
  private final ComplaintStore complaints;

  /** Reading and extracting every complaint of the two sprints on each query. */
  public FeedbackPainPoints(FeedbackData data, SprintCalendar defaults) {
    this(data, defaults, null);
  }

  /**
   * With the phrases the complaint job keeps (null: none): queries without ad hoc filters rank from them, the rest
   * read the items.
   */
  public FeedbackPainPoints(FeedbackData data, SprintCalendar defaults, ComplaintStore complaints) {
    this.data = Objects.requireNonNull(data);
    this.defaults = Objects.requireNonNull(defaults);
    this.painPoints = new PainPoints(data.vader(), PainPoints.DEFAULT_MIN_MENTIONS);
    this.complaints = complaints;
  }

  @Override
  public String id() {
    return "feedback.pain_points";
  }

  @Override
  public String description() {
    return "Top pain points of the sprint holding the range end: themes of negative feedback ranked by mentions"
        + " x negativity, with change against the previous sprint and a quote";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(),
        PayloadOption.select("top", "Top", OptionSource.fixed("3", "5", "10"), "how many pain points")
            .withDefaults("3"),
        input("sprint_days", "Sprint days", String.valueOf(defaults.length().toDays()),
            "sprint length in days, 1 to " + SprintCalendar.MAX_DAYS + " (default from the server's --sprint-days)"),
        input("anchor", "Sprint anchor", defaults.anchor().toString(),
            "start of any one sprint, a date or an instant (default from the server's --sprint-anchor)"));
  }

  static PayloadOption input(String name, String label, String value, String description) {
    return new PayloadOption(name, label, PayloadOption.Type.INPUT, null, List.of(), List.of(value), false,
        description);
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.number("rank", "1 = worst"), RowColumn.label("theme", "what users complain about"),
        RowColumn.number("mentions", "negative items of the sprint naming the theme"),
        RowColumn.number("share", "mentions / negative items with text, 0..1"),
        RowColumn.number("mean_sentiment", "mean compound sentiment of the mentions, -1..1"),
        RowColumn.number("change", "mentions minus mentions in the previous sprint"),
        RowColumn.number("previous", "mentions in the previous sprint"),
        RowColumn.label("journeys", "journeys of the mentions, comma-separated"),
        RowColumn.label("quote", "the most negative mention, personal data masked"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    SprintCalendar calendar = calendar(q);
    Sprint sprint = calendar.containing(q.range().toMs());
    int top = Integer.parseInt(q.payload().first("top").orElse("3"));
    List<PainPoint> ranked = stored(q, sprint, top).orElseGet(() -> fromItems(q, sprint, top));
    List<Integer> rank = new ArrayList<>();
    List<String> theme = new ArrayList<>();
    List<Integer> mentions = new ArrayList<>();
    List<Double> share = new ArrayList<>();
    List<Double> sentiment = new ArrayList<>();
    List<Integer> change = new ArrayList<>();
    List<Integer> previous = new ArrayList<>();
    List<String> journeys = new ArrayList<>();
    List<String> quote = new ArrayList<>();
    for (PainPoint p : ranked) {
      rank.add(rank.size() + 1);
      theme.add(p.theme());
      mentions.add(p.mentions());
      share.add(p.share());
      sentiment.add(p.meanSentiment());
      change.add(p.change());
      previous.add(p.previousMentions());
      journeys.add(String.join(", ", p.journeys()));
      quote.add(p.quote());
    }
    return List.of(new DataFrame(id() + " " + sprint, null, List.of(
        Field.number("rank", rank, null, null),
        Field.string("theme", theme),
        Field.number("mentions", mentions, null, FieldConfig.unit("none")),
        Field.number("share", share, null, FieldConfig.unit("percentunit").withRange(0.0, 1.0)),
        Field.number("mean_sentiment", sentiment, null, FieldConfig.unit("none").withRange(-1.0, 1.0)),
        Field.number("change", change, null, FieldConfig.unit("none")),
        Field.number("previous", previous, null, FieldConfig.unit("none")),
        Field.string("journeys", journeys),
        Field.string("quote", quote))));
  }

  /** From the complaint job's phrases, unless ad hoc filters need each item's session or the store cannot say. */
  private Optional<List<PainPoint>> stored(MetricQuery q, Sprint sprint, int top) {
    if (complaints == null || !q.filters().isEmpty()) {
      return Optional.empty();
    }
    String journey = q.payload().first("journey").filter(j -> !FeedbackData.ALL.equals(j)).orElse(null);
    return StoredComplaints.read(complaints, painPoints, journey, sprint, c -> painPoints.rank(c, top));
  }

  private List<PainPoint> fromItems(MetricQuery q, Sprint sprint, int top) {
    List<Feedback> masked = new ArrayList<>();
    // only complaints with text can name a theme or count in a share: bare scores, and items whose stored sentiment
    // and score make them no complaint, are not read at all; items stored without a sentiment are scored on read
    for (FeedbackData.Point p : data.mayComplain(q, sprint.previous().startMs(), sprint.endMs())) {
      if (PainPoints.mayComplain(p.feedback())) {
        masked.add(ComplaintPhrases.prepared(p.feedback(), data.vader())); // as the complaint job reads it
      }
    }
    return painPoints.rank(masked, sprint, top);
  }

  private SprintCalendar calendar(MetricQuery q) {
    String days = q.payload().first("sprint_days").orElse(String.valueOf(defaults.length().toDays())).strip();
    Instant anchor;
    try {
      anchor = SprintCalendar.parseAnchor(q.payload().first("anchor").orElse(defaults.anchor().toString()));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("payload.anchor", e.getMessage());
    }
    if (!days.matches("\\d{1,4}")) {
      throw Refusal.badRequest("payload.sprint_days", "sprint_days must be a whole number of days from 1 to "
          + SprintCalendar.MAX_DAYS + ", got '" + days + "'");
    }
    try {
      return SprintCalendar.ofDays(anchor, Integer.parseInt(days));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("payload.sprint_days", e.getMessage());
    }
  }
}
