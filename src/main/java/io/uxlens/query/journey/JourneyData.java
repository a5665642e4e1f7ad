package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.journey.CorrelationState;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.KpiAccumulator;
import io.uxlens.journey.KpiBucket;
import io.uxlens.journey.KpiSeries;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.query.Buckets;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every journey metric shares: the journey, step and group_by options, the journeys a query covers (one, or
 * all of them: one series per journey, labelled {@code journey}, which the alert rules rely on), the ad hoc
 * filters ({@link AttemptFilter}) and the calls into the journey engine over the query's whole buckets. Tables
 * cover the same whole buckets as the series, so a table's attempts equal the sum of the series'.
 */
public final class JourneyData {
  /** The journey (and step) option's value for every journey (or step). */
  public static final String ALL = "all";

  private final JourneyKpis kpis;

  /** One labelled line of a series metric: a journey (and group), with its KPI bucket per query bucket. */
  record Line(JourneyDefinition journey, Map<String, String> labels, String group, List<KpiBucket> buckets) {}

  public JourneyData(JourneyKpis kpis) {
    this.kpis = Objects.requireNonNull(kpis);
  }

  public JourneyDefinitions definitions() {
    return kpis.definitions();
  }

  /** The journey select: "all" (default) or one defined journey, labelled with its name. */
  PayloadOption journeyOption() {
    return PayloadOption.select("journey", "Journey", payload -> {
      List<OptionValue> out = new ArrayList<>();
      out.add(new OptionValue("All journeys", ALL));
      definitions().all().forEach(j -> out.add(new OptionValue(j.name(), j.id())));
      return out;
    }, "one journey, or all (one series per journey, labelled journey)").withDefaults(ALL);
  }

  /** The step select of a journey (reloaded when the journey changes); with all journeys, every step id. */
  PayloadOption stepOption() {
    return PayloadOption.select("step", "Step", payload -> {
      List<OptionValue> out = new ArrayList<>();
      out.add(new OptionValue("All steps", ALL));
      stepIds(payload.first("journey").orElse(ALL)).forEach(s -> out.add(OptionValue.of(s)));
      return out;
    }, "one step of the journey, or all (the first step has no latency: it starts the attempt)")
        .dependingOn("journey").withDefaults(ALL);
  }

  /** Step ids of a journey, or of every journey (first seen order) for "all" or an unknown journey. */
  List<String> stepIds(String journey) {
    Set<String> ids = new LinkedHashSet<>();
    for (JourneyDefinition j : definitions().all()) {
      if (ALL.equals(journey) || j.id().equals(journey) || definitions().byId(journey).isEmpty()) {
        j.steps().forEach(s -> ids.add(s.id()));
      }
    }
    return List.copyOf(ids);
  }

  /**
   * The group_by select: the attempt's context dimensions. Not strict, so the dotted names perf and feedback
   * metrics group by (app.version...) work too and one dashboard variable serves every panel; checked here.
   */
  PayloadOption groupByOption() {
    return new PayloadOption("group_by", "Group by", PayloadOption.Type.SELECT,
        payload -> ContextDimensions.KEYS.stream().map(OptionValue::of).toList(), List.of(), List.of(), false,
        "split into one series per value of this context dimension (missing values group as unknown)");
  }

  /** The group_by key as given (it names the label), checked; empty when not grouping. */
  Optional<String> groupBy(MetricQuery q) {
    Optional<String> g = q.payload().first("group_by");
    g.ifPresent(key -> {
      if (!ContextDimensions.KEYS.contains(AttemptFilter.dimension(key))) {
        throw Refusal.badRequest("payload.group_by", "cannot group journeys by '" + key + "'; valid: "
            + String.join(", ", ContextDimensions.KEYS) + " (or " + String.join(", ",
            AttemptFilter.ALIASES.keySet().stream().sorted().toList()) + ")");
      }
    });
    return g;
  }

  /** The journeys the query covers: the chosen one or all, minus those an ad hoc journey filter excludes. */
  List<JourneyDefinition> journeys(MetricQuery q) {
    String chosen = q.payload().first("journey").orElse(ALL);
    AttemptFilter filter = AttemptFilter.of(q.filters());
    List<JourneyDefinition> out = new ArrayList<>();
    for (JourneyDefinition j : definitions().all()) {
      if ((ALL.equals(chosen) || j.id().equals(chosen)) && filter.acceptsJourney(j.id())) {
        out.add(j);
      }
    }
    if (!ALL.equals(chosen) && definitions().byId(chosen).isEmpty()) {
      throw Refusal.badRequest("payload.journey", "unknown journey '" + chosen + "'; valid: all, "
          + String.join(", ", definitions().all().stream().map(JourneyDefinition::id).toList()));
    }
    return out;
  }

  /** Start of the query's first bucket. */
  static long from(MetricQuery q) {
    return q.buckets().startMs();
  }

  /** End of the query's last bucket (exclusive). */
  static long to(MetricQuery q) {
    Buckets b = q.buckets();
    return b.startMs() + b.count() * b.stepMs();
  }

  /**
   * Each journey's series, one line per journey and group, aligned to the query's buckets, with what the metric
   * reads: counts only (attempts and rates: rollups read without their sketches), counts and time on task, counts
   * and step latencies, or every quantile.
   */
  List<Line> lines(MetricQuery q, KpiAccumulator.Detail detail) {
    Optional<String> groupBy = groupBy(q);
    Optional<String> dim = groupBy.map(AttemptFilter::dimension);
    AttemptFilter filter = AttemptFilter.of(q.filters());
    Predicate<Attempt> keep = filter.predicate();
    List<Line> out = new ArrayList<>();
    for (JourneyDefinition j : journeys(q)) {
      KpiSeries s = keep != null
          ? kpis.series(j.id(), from(q), to(q), q.buckets().stepMs(), dim, filter.equalities(), keep)
          : switch (detail) {
            case COUNTS -> kpis.counts(j.id(), from(q), to(q), q.buckets().stepMs(), dim, filter.equalities());
            case TIME_ON_TASK -> kpis.timeOnTask(j.id(), from(q), to(q), q.buckets().stepMs(), dim,
                filter.equalities());
            case STEP_LATENCY -> kpis.stepLatency(j.id(), from(q), to(q), q.buckets().stepMs(), dim,
                filter.equalities());
            default -> kpis.series(j.id(), from(q), to(q), q.buckets().stepMs(), dim, filter.equalities());
          };
      Map<String, List<KpiBucket>> byGroup = new LinkedHashMap<>();
      for (KpiBucket b : s.buckets()) {
        int i = q.buckets().index(b.time());
        if (i < 0) {
          continue;
        }
        List<KpiBucket> slots = byGroup.computeIfAbsent(b.group(), g -> {
          List<KpiBucket> empty = new ArrayList<>();
          for (int k = 0; k < q.buckets().count(); k++) {
            empty.add(null);
          }
          return empty;
        });
        slots.set(i, b);
      }
      byGroup.keySet().stream().sorted().forEach(group -> {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("journey", j.id());
        groupBy.ifPresent(key -> labels.put(key, group));
        out.add(new Line(j, labels, groupBy.isPresent() ? group : null, byGroup.get(group)));
      });
    }
    return out;
  }

  /** A journey's KPIs over the query's whole buckets as one bucket, or empty when no attempt started. */
  Optional<KpiBucket> summary(MetricQuery q, JourneyDefinition j) {
    AttemptFilter filter = AttemptFilter.of(q.filters());
    List<KpiBucket> all = kpis.summary(j.id(), from(q), to(q), Optional.empty(), filter.equalities(),
        filter.predicate());
    return all.stream().findFirst();
  }

  /**
   * Up to this many finished attempts in range, the correlation tables read the attempts (exact figures, cheap at
   * that size); above it, the rollups' sketches (figures within 1%, cost bounded by the range's buckets).
   */
  static final long EXACT_UP_TO = 1_000;

  /**
   * The rollups' correlation state of a journey over the query's range, when no ad hoc filter applies, the rollups
   * are complete and the range holds more than {@link #EXACT_UP_TO} finished attempts; else empty, and the tables
   * read the attempts.
   */
  Optional<CorrelationState> correlation(MetricQuery q, JourneyDefinition j) {
    AttemptFilter filter = AttemptFilter.of(q.filters());
    if (!filter.equalities().isEmpty() || filter.predicate() != null) {
      return Optional.empty();
    }
    return kpis.correlation(j.id(), from(q), to(q)).filter(s -> s.finished() > EXACT_UP_TO);
  }

  JourneyKpis kpis() {
    return kpis;
  }

  /** The query's range as the tables read it: [from, to) in epoch ms. */
  static long[] range(MetricQuery q) {
    return new long[] {from(q), to(q)};
  }

  /** A journey's attempts starting in the query's whole buckets, ad hoc filters applied. */
  List<Attempt> attempts(MetricQuery q, JourneyDefinition j) {
    AttemptFilter filter = AttemptFilter.of(q.filters());
    List<Attempt> all = kpis.attempts(j.id(), from(q), to(q), filter.equalities());
    Predicate<Attempt> keep = filter.predicate();
    return keep == null ? all : all.stream().filter(keep).toList();
  }

  /** A journey's attempts starting in [from, to), ad hoc filters applied (a comparison window of the query). */
  List<Attempt> attempts(MetricQuery q, JourneyDefinition j, long from, long to) {
    AttemptFilter filter = AttemptFilter.of(q.filters());
    List<Attempt> all = kpis.attempts(j.id(), from, to, filter.equalities());
    Predicate<Attempt> keep = filter.predicate();
    return keep == null ? all : all.stream().filter(keep).toList();
  }
}
