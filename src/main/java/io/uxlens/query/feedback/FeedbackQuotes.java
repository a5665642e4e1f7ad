package io.uxlens.query.feedback;

import io.uxlens.Refusal;
import io.uxlens.feedback.TextMask;
import io.uxlens.feedback.Themes;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.model.Feedback;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What users wrote, newest first: time, journey, kind, score, sentiment and the text with personal data masked.
 * The theme option keeps texts that mention a theme by the rule pain points count with, so a pain point's
 * theme lists the quotes behind it.
 */
public final class FeedbackQuotes implements Metric {
  /** Texts read from the store before theme and ad hoc filters, newest first: bounds a query's work. */
  static final int SCAN = 20_000;

  private final FeedbackData data;

  public FeedbackQuotes(FeedbackData data) {
    this.data = Objects.requireNonNull(data);
  }

  @Override
  public String id() {
    return "feedback.quotes";
  }

  @Override
  public String description() {
    return "Feedback texts in the range, newest first, optionally about one theme; personal data masked";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(),
        new PayloadOption("theme", "Theme", PayloadOption.Type.INPUT, null, List.of(), List.of(), false,
            "only texts naming this theme, e.g. a pain point's theme (default: every text)"),
        PayloadOption.select("limit", "Limit", OptionSource.fixed("10", "20", "50", "100"), "how many quotes")
            .withDefaults("20"));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("journey", "journey, empty when none"),
        RowColumn.label("kind", "nps, csat, ces, text or ticket"),
        RowColumn.number("score", "the answer's score; null for text and tickets").orNull(),
        RowColumn.number("sentiment", "compound sentiment, -1..1"),
        RowColumn.label("text", "what the user wrote, personal data masked"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String key = q.payload().first("theme").map(FeedbackQuotes::themeKey).orElse(null);
    int limit = Integer.parseInt(q.payload().first("limit").orElse("20"));
    List<Long> time = new ArrayList<>();
    List<String> journey = new ArrayList<>();
    List<String> kind = new ArrayList<>();
    List<Double> score = new ArrayList<>();
    List<Double> sentiment = new ArrayList<>();
    List<String> text = new ArrayList<>();
    // the newest texts usually hold the quotes asked for: read a few, and ten times as many again (up to SCAN) only
    // while a theme or an ad hoc filter leaves too few
    for (int n = Math.min(SCAN, Math.max(2 * limit, 100)); time.size() < limit; n = Math.min(SCAN, 10 * n)) {
      time.clear();
      journey.clear();
      kind.clear();
      score.clear();
      sentiment.clear();
      text.clear();
      FeedbackData.Texts texts = data.textsNewestFirst(q, n);
      for (FeedbackData.Point p : texts.points()) {
        Feedback f = p.feedback();
        String masked = TextMask.mask(f.text());
        if (key != null && !Themes.mentions(key, masked)) {
          continue;
        }
        time.add(f.timestamp());
        journey.add(f.journey() == null ? "" : f.journey());
        kind.add(f.kind());
        score.add(f.score());
        sentiment.add(f.sentiment());
        text.add(masked);
        if (time.size() == limit) {
          break;
        }
      }
      if (n == SCAN || !texts.full()) {
        break;
      }
    }
    return List.of(new DataFrame(id(), null, List.of(Field.time("time", time), Field.string("journey", journey),
        Field.string("kind", kind), Field.number("score", score, null, FieldConfig.unit("none")),
        Field.number("sentiment", sentiment, null, FieldConfig.unit("none").withRange(-1.0, 1.0)),
        Field.string("text", text))));
  }

  private static String themeKey(String theme) {
    String key = Themes.key(theme);
    int words = Themes.words(key);
    if (words == 0 || words > Themes.MAX_WORDS) {
      throw Refusal.badRequest("payload.theme", "theme must name 1 to " + Themes.MAX_WORDS
          + " content words (stop words do not count), got '" + theme + "'");
    }
    return key;
  }
}
