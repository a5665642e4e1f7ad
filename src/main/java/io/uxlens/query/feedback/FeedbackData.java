package io.uxlens.query.feedback;

import io.uxlens.feedback.FeedbackSeries;
import io.uxlens.feedback.FeedbackTally;
import io.uxlens.feedback.PainPoints;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.AdHocFilter;
import io.uxlens.json.Flatten;
import io.uxlens.model.Feedback;
import io.uxlens.query.CachedOptions;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.store.FeedbackReads;
import io.uxlens.store.PerfReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Feedback items of a query with their dimensions: {@code journey}, {@code kind} and the merged context of the
 * session's events (app.version, device...). The journey option and ad hoc filters apply here. Items with text
 * but no stored sentiment (stored before sentiment was scored at ingest) get it scored on read, so every
 * metric sees the same sentiment.
 */
public final class FeedbackData {
  /** The journey option's value for every journey, and feedback tied to none. */
  public static final String ALL = "all";
  /** Group value for items that lack the group_by key. */
  public static final String NONE = "(none)";

  private final FeedbackReads reads;
  private final PerfReads sessions;
  private final ContextIndex contexts;
  private final Vader vader;
  private final OptionSource journeys;
  private final FeedbackSeries rollups;

  /** One item and its dimensions (empty unless the query groups or filters). */
  public record Point(Feedback feedback, Map<String, String> dims) {}

  /** A journey and kind's tallies per bucket of the query (null where nothing fell), with its dimensions. */
  public record Rolled(Map<String, String> dims, FeedbackTally[] buckets) {}

  public FeedbackData(FeedbackReads reads, PerfReads sessions, ContextIndex contexts, Vader vader) {
    this(reads, sessions, contexts, vader, List.of(), null);
  }

  /**
   * With the defined journeys' ids: the journey option offers them even before any feedback names them, so a
   * dashboard's journey variable never gets a 400 from a feedback panel.
   */
  public FeedbackData(FeedbackReads reads, PerfReads sessions, ContextIndex contexts, Vader vader,
      List<String> definedJourneys) {
    this(reads, sessions, contexts, vader, definedJourneys, null);
  }

  /**
   * With the feedback rollups (null: none), which answer volume and score queries they can answer exactly (see
   * {@link #rolledUp}); the rest read the rows.
   */
  public FeedbackData(FeedbackReads reads, PerfReads sessions, ContextIndex contexts, Vader vader,
      List<String> definedJourneys, FeedbackSeries rollups) {
    this.rollups = rollups;
    List<String> defined = List.copyOf(definedJourneys);
    this.reads = Objects.requireNonNull(reads);
    this.sessions = Objects.requireNonNull(sessions);
    this.contexts = Objects.requireNonNull(contexts);
    this.vader = Objects.requireNonNull(vader);
    this.journeys = new CachedOptions(() -> {
      List<OptionValue> out = new ArrayList<>();
      out.add(new OptionValue("All journeys", ALL));
      Set<String> ids = new LinkedHashSet<>(defined);
      ids.addAll(reads.journeys());
      ids.forEach(j -> out.add(OptionValue.of(j)));
      return out;
    }, ContextIndex.TTL_MS);
  }

  public Vader vader() {
    return vader;
  }

  /** The journey select every feedback metric offers: "all" (default), a defined journey or one feedback named. */
  public PayloadOption journeyOption() {
    return PayloadOption.select("journey", "Journey", journeys,
        "only feedback given in this journey (default: all, including feedback tied to no journey)")
        .withDefaults(ALL);
  }

  /** Choices for group_by: journey and kind, then every context key seen. */
  public PayloadOption groupByOption() {
    return PayloadOption.select("group_by", "Group by", payload -> {
      Set<String> keys = new LinkedHashSet<>(List.of("journey", "kind"));
      keys.addAll(contexts.keys());
      return keys.stream().map(OptionValue::of).toList();
    }, "split into one series per value of this key");
  }

  /** Items in the query's range (both ends included, as Grafana's range is). */
  public List<Point> items(MetricQuery q) {
    return items(q, q.range().fromMs(), q.range().toMs() + 1);
  }

  /** Items with fromMs <= ts < toMs, for the query's journey option and ad hoc filters. */
  public List<Point> items(MetricQuery q, long fromMs, long toMs) {
    String journey = q.payload().first("journey").orElse(ALL);
    List<Feedback> rows = ALL.equals(journey) ? reads.between(fromMs, toMs) : reads.between(fromMs, toMs, journey);
    return points(q, rows);
  }

  /**
   * Items with text and fromMs <= ts < toMs that may be complaints ({@link PainPoints#mayComplain} decides; the rows
   * it is sure to refuse are not read), for the query's journey option and ad hoc filters.
   */
  public List<Point> mayComplain(MetricQuery q, long fromMs, long toMs) {
    String journey = q.payload().first("journey").orElse(ALL);
    return points(q, reads.mayComplainBetween(fromMs, toMs, ALL.equals(journey) ? null : journey,
        PainPoints.NEGATIVE_SENTIMENT, Set.of(PainPoints.TICKET), PainPoints.LOW_SCORES));
  }

  /** Items with text in the range of the query's journey, newest first, at most {@code scan} before filters. */
  public Texts textsNewestFirst(MetricQuery q, int scan) {
    String journey = q.payload().first("journey").orElse(ALL);
    List<Feedback> rows = reads.withTextNewestFirst(q.range().fromMs(), q.range().toMs() + 1,
        ALL.equals(journey) ? null : journey, scan);
    return new Texts(points(q, rows), rows.size() == scan);
  }

  /** Texts read newest first, filters applied; {@code full}: the scan was cut at its size, so more may exist. */
  public record Texts(List<Point> points, boolean full) {}

  /**
   * The query's feedback as tallies per journey, kind and bucket, from the rollups, when they give exactly what
   * reading the rows gives: no group_by or one by kind or journey, ad hoc filters on kind and journey only, and
   * buckets of whole minutes. Empty otherwise, and also when the answer depends on feedback tied to no journey
   * (grouped or filtered by journey): such an item's journey label comes from its session's context, which later
   * events can change, so only the rows can say it. Session context dimensions read the rows for the same reason.
   */
  public Optional<List<Rolled>> rolledUp(MetricQuery q) {
    return rolledUp(q, null);
  }

  /** {@link #rolledUp(MetricQuery)} of one kind only (null: every kind), filtered where the rows are read. */
  public Optional<List<Rolled>> rolledUp(MetricQuery q, String kind) {
    String groupBy = q.payload().first("group_by").orElse(null);
    if (rollups == null || (groupBy != null && !ROLLED_KEYS.contains(groupBy))) {
      return Optional.empty();
    }
    boolean byJourney = "journey".equals(groupBy);
    for (AdHocFilter f : q.filters()) {
      if (!ROLLED_KEYS.contains(f.key())) {
        return Optional.empty();
      }
      byJourney |= f.key().equals("journey");
    }
    String journey = q.payload().first("journey").filter(j -> !ALL.equals(j)).orElse(null);
    Optional<Map<FeedbackSeries.Key, FeedbackTally[]>> tallies = rollups.tallies(journey, kind, q.range().fromMs(),
        q.range().toMs(), new io.uxlens.model.BucketGrid(q.buckets().startMs(), q.buckets().stepMs(), q.buckets().count()));
    if (tallies.isEmpty()) {
      return Optional.empty();
    }
    List<Rolled> out = new ArrayList<>();
    for (Map.Entry<FeedbackSeries.Key, FeedbackTally[]> e : tallies.get().entrySet()) {
      Map<String, String> dims = new HashMap<>();
      if (e.getKey().journey() != null) {
        dims.put("journey", e.getKey().journey());
      } else if (byJourney) {
        return Optional.empty();
      }
      dims.put("kind", e.getKey().kind());
      if (q.accepts(dims)) {
        out.add(new Rolled(dims, e.getValue()));
      }
    }
    return Optional.of(out);
  }

  /** The dimensions the rollups keep: both are columns of the feedback row itself. */
  private static final Set<String> ROLLED_KEYS = Set.of("journey", "kind");

  /** Labels of a point for an optional group_by key. */
  public static Map<String, String> labels(Map<String, String> dims, String groupBy) {
    return groupBy == null ? Map.of() : Map.of(groupBy, dims.getOrDefault(groupBy, NONE));
  }

  private List<Point> points(MetricQuery q, List<Feedback> rows) {
    boolean dims = !q.filters().isEmpty() || q.payload().first("group_by").isPresent();
    Map<String, Map<String, String>> bySession = dims ? sessionDims(rows) : Map.of();
    List<Point> out = new ArrayList<>(rows.size());
    for (Feedback f : rows) {
      Map<String, String> d = Map.of();
      if (dims) {
        d = new HashMap<>(bySession.getOrDefault(f.sessionId(), Map.of()));
        if (f.journey() != null) {
          d.put("journey", f.journey());
        }
        d.put("kind", f.kind());
      }
      if (q.accepts(d)) {
        out.add(new Point(scored(f), d));
      }
    }
    return out;
  }

  private Feedback scored(Feedback f) {
    if (f.sentiment() != null || f.text() == null || f.text().isBlank()) {
      return f;
    }
    return new Feedback(f.id(), f.kind(), f.score(), f.text(), f.userId(), f.sessionId(), f.journey(),
        f.timestamp(), vader.compound(f.text()), f.tags(), f.source());
  }

  /** Each session's context: its events' contexts merged in arrival order, so later values win. */
  private Map<String, Map<String, String>> sessionDims(List<Feedback> rows) {
    Set<String> ids = new LinkedHashSet<>();
    rows.stream().map(Feedback::sessionId).filter(Objects::nonNull).forEach(ids::add);
    Map<String, Map<String, String>> out = new HashMap<>();
    sessions.sessionContexts(ids).forEach((id, texts) -> {
      Map<String, String> merged = new HashMap<>();
      texts.forEach(t -> merged.putAll(Flatten.object(t)));
      out.put(id, merged);
    });
    return out;
  }
}
