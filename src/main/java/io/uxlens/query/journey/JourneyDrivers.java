package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.config.Durations;
import io.uxlens.explain.Alignment;
import io.uxlens.explain.Dimension;
import io.uxlens.explain.Driver;
import io.uxlens.explain.DriverSentence;
import io.uxlens.explain.Drivers;
import io.uxlens.explain.Kpi;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Annotation;
import io.uxlens.model.Attempt;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.experiment.ExperimentAnnotationSource;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.store.AnnotationReads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed: the segments (values of context dimensions, latency band, error seen, last step) that moved a
 * journey KPI between the panel's range and a comparison window, each with its contribution split into rate and
 * mix effects ({@link io.uxlens.explain.Decomposition}), a Benjamini-Hochberg adjusted p-value, and for the top
 * rows the deploy, release, incident or experiment annotation nearest before its change began.
 */
public final class JourneyDrivers extends PerJourneyTable {
  static final String PREVIOUS = "previous";
  static final int DEFAULT_MIN_ATTEMPTS = 30;
  static final int ALIGNED_ROWS = 5;
  /**
   * Up to this many finished attempts over both windows the table reads the attempts and dates moves by each
   * attempt's outcome (about 15 us an attempt); above it, the rollups' counts (the same rows) and minute buckets.
   * At 1,000, a small journey's 800 attempts cost the drivers over all journeys as much as the other three
   * journeys' rollups together.
   */
  static final long EXACT_UP_TO = 300;
  /** Gradual rollouts take hours to reach users: a release's effect starts with its first adopters. */
  static final String DEFAULT_ALIGN_WINDOW = "6h";
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .number("rank", "none", "1 = the largest |contribution|")
      .text("kpi", "the KPI explained")
      .text("dimension", "what splits the attempts: a context dimension, latency_band, error_seen or last_step")
      .text("segment", "the dimension's value (unknown: missing; other: values with too few attempts)")
      .number("attempts_before", "none", "units in the comparison window (finished attempts; completed ones for time on task)")
      .number("attempts_after", "none", "units in the panel's range")
      .maybe("kpi_before", "none", "the segment's KPI in the comparison window (0..1 for rates, seconds for time on task)")
      .maybe("kpi_after", "none", "the segment's KPI in the panel's range")
      .maybe("change", "none", "kpi_after - kpi_before")
      .text("effect", "the effect that dominates the contribution (rate or mix); p_value tests it")
      .number("contribution", "percentunit", "the segment's part of total_change: rate_effect + mix_effect")
      .number("rate_effect", "percentunit", "the segment got better or worse")
      .number("mix_effect", "percentunit", "the segment grew or shrank, weighted by its distance from the average")
      .maybe("share", "percentunit", "contribution / total_change")
      .maybe("total_change", "percentunit", "the overall change the contributions of one dimension add up to")
      .maybe("p_value", "none", "two-sided test of the segment's own change in its dominant effect: its rate, or its "
          + "share of attempts (Fisher exact for small counts, else z)")
      .maybe("adjusted_p_value", "none", "Benjamini-Hochberg across every row")
      .maybe("change_start", "dateTimeAsIso", "when the segment's move began (top rows)")
      .text("annotation", "deploy, release, incident or experiment annotation nearest before the change began")
      .maybe("annotation_time", "dateTimeAsIso", "its time")
      .maybe("minutes_after", "m", "minutes from the annotation to the change start")
      .text("summary", "the row as a sentence");

  private final AnnotationReads annotations;
  /** Declared experiment starts count as causes too, though they are not stored annotations. */
  private final ExperimentAnnotationSource experiments;

  public JourneyDrivers(JourneyData data, AnnotationReads annotations, ExperimentAnnotationSource experiments) {
    super("journey.drivers", "What changed: the segments that moved a journey KPI against a comparison window, "
        + "with rate and mix effects, adjusted p-values and the nearest deploy or release", TABLE, data);
    this.annotations = annotations;
    this.experiments = experiments;
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(),
        PayloadOption.select("kpi", "KPI", p -> Kpi.names().stream().map(OptionValue::of).toList(),
            "the KPI whose move is explained").withDefaults(Kpi.COMPLETION_RATE.wire()),
        input("compare", "Compare with", PREVIOUS,
            "previous (the window of the same length just before the range) or an offset such as 7d or 24h"),
        input("min_attempts", "Min attempts", String.valueOf(DEFAULT_MIN_ATTEMPTS),
            "values with fewer attempts over both windows are pooled into 'other'"),
        PayloadOption.select("top", "Rows", p -> List.of(OptionValue.of("5"), OptionValue.of("10"),
            OptionValue.of("20"), OptionValue.of("50"), OptionValue.of("all")), "rows per journey").withDefaults("10"),
        input("align_window", "Align within", DEFAULT_ALIGN_WINDOW,
            "how long before the change an annotation may lie to be named as its start"),
        PayloadOption.select("rank", "Rank by", p -> List.of(OptionValue.of(Drivers.Ranking.EXCESS.wire()),
            OptionValue.of(Drivers.Ranking.CONTRIBUTION.wire())), "excess (default): rows that moved the KPI beyond "
            + "their size first; contribution: by |contribution| alone, so the biggest segments lead")
            .withDefaults(Drivers.Ranking.EXCESS.wire()));
  }

  private static PayloadOption input(String name, String label, String value, String description) {
    return new PayloadOption(name, label, PayloadOption.Type.INPUT, null, List.of(), List.of(value), false,
        description);
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    Kpi kpi = Kpi.parse(q.payload().first("kpi").orElse(Kpi.COMPLETION_RATE.wire()), "payload.kpi");
    long from = JourneyData.from(q);
    long to = JourneyData.to(q);
    long offset = offset(q.payload().first("compare").orElse(PREVIOUS), to - from);
    int minAttempts = minAttempts(q.payload().first("min_attempts").orElse(String.valueOf(DEFAULT_MIN_ATTEMPTS)));
    long window = duration(q.payload().first("align_window").orElse(DEFAULT_ALIGN_WINDOW), "payload.align_window");
    String rankBy = q.payload().first("rank").orElse(Drivers.Ranking.EXCESS.wire());
    Drivers.Ranking ranking = Drivers.Ranking.of(rankBy).orElseThrow(() -> Refusal.badRequest("payload.rank", "'"
        + rankBy + "' is not a ranking; valid: excess, contribution"));
    String top = q.payload().first("top").orElse("10");
    int limit = top.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(top);

    Drivers.Analysis a = (q.filters().isEmpty()
        ? RolledUpDrivers.analyse(data.kpis(), j, kpi, new long[] {from - offset, to - offset}, new long[] {from, to},
            minAttempts, ranking, Math.min(limit, ALIGNED_ROWS), EXACT_UP_TO)
        : Optional.<Drivers.Analysis>empty()).orElseGet(() -> {
          List<Attempt> before = data.attempts(q, j, from - offset, to - offset);
          List<Attempt> after = data.attempts(q, j, from, to);
          List<Attempt> both = new ArrayList<>(before);
          both.addAll(after);
          List<Dimension> dimensions = Dimension.all(both);
          return Drivers.analyse(kpi, before, after, dimensions, minAttempts, ranking)
              .withChangeStarts(Math.min(limit, ALIGNED_ROWS), dimensions);
        });
    List<Annotation> notes = new ArrayList<>(annotations.overlapping(from - offset - window, to));
    notes.addAll(experiments.between(j.id(), from - offset - window, to));
    Double total = a.decomposed().change();
    int rank = 0;
    for (Driver d : a.rows()) {
      if (rank >= limit) {
        break;
      }
      Alignment.Aligned aligned = d.changeStart() == null ? null
          : Alignment.nearest(notes, d.changeStart(), window).orElse(null);
      rows.add(j.id(), ++rank, kpi.wire(), d.dimension(), d.segment(), d.units0(), d.units1(), d.kpi0(), d.kpi1(),
          d.change(), d.mixDominated() ? "mix" : "rate", d.contribution(), d.rateEffect(), d.mixEffect(), d.share(), total, d.pValue(),
          d.adjustedPValue(), d.changeStart(), aligned == null ? "" : aligned.annotation().title(),
          aligned == null ? null : aligned.annotation().time(),
          aligned == null ? null : aligned.afterMs() / 60_000.0, DriverSentence.of(kpi, d, total, aligned));
    }
  }

  /** How far back the comparison window lies: the range length, or the offset given (at least that long). */
  static long offset(String compare, long length) {
    if (compare.equals(PREVIOUS)) {
      return length;
    }
    Duration d = Durations.parse(compare);
    if (d == null) {
      throw Refusal.badRequest("payload.compare", "'" + compare + "' is not a comparison; valid: previous (the "
          + "window of the same length just before the range) or an offset such as 7d, 24h or 1h30m");
    }
    if (d.toMillis() < length) {
      throw Refusal.badRequest("payload.compare", "the offset " + compare + " is shorter than the range ("
          + length / 60_000 + " min), so the windows would overlap; use previous or an offset of at least the range");
    }
    return d.toMillis();
  }

  static int minAttempts(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= 1_000_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Refusal.badRequest("payload.min_attempts", "'" + text + "' is not a whole number from 1 to 1000000");
  }

  static long duration(String text, String field) {
    Duration d = Durations.parse(text);
    if (d == null) {
      throw Refusal.badRequest(field, "'" + text + "' is not a duration; valid: e.g. 30m, 2h, 1d");
    }
    return d.toMillis();
  }
}
