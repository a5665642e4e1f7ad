package io.uxlens.query.experiment;

import io.uxlens.Refusal;
import io.uxlens.experiment.AttemptOutcome;
import io.uxlens.experiment.DailySnapshot;
import io.uxlens.experiment.ExperimentData;
import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.experiment.ExperimentDefinition;
import io.uxlens.grafana.Payload;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.model.Assignment;
import io.uxlens.model.Attempt;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.store.ExperimentFirstAttempts;
import io.uxlens.store.ExposureStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the experiment metrics share: which experiments exist (declared in {@code --experiments} or seen in
 * exposures), the chosen one's definition, the journey it is measured on, and its unit assignments and journey
 * attempts as of the end of the query range. Units are joined with attempts by the attempt's user id (the user
 * id, else the anonymous id, as exposures are).
 */
public final class ExperimentInputs {
  public static final String FIRST = "first";
  public static final String ALL = "all";

  private final ExperimentCatalog catalog;
  private final ExposureStore exposures;
  private final ExperimentFirstAttempts firstAttempts;
  private final JourneyKpis kpis;
  private volatile List<String> ids;
  private volatile long idsAt;

  /**
   * The chosen experiment and its data. {@code journey} is null when none could be found. {@code attempts} holds
   * every attempt of the journey in [attemptsFromMs, attemptsToMs) by the assigned units, or, when
   * {@code firstAttemptsOnly}, just each unit's first attempt after exposure (all the analysis counts then).
   */
  public record Selection(ExperimentDefinition definition, String journey, String journeyNote,
                          List<Assignment> assignments, List<AttemptOutcome> attempts, boolean firstAttemptOnly,
                          long untilMs, long crossovers, long attemptsFromMs, long attemptsToMs,
                          boolean firstAttemptsOnly) {}

  /**
   * Reads each unit's first attempt after exposure from the maintained table whenever only first attempts count
   * (the default) and the journey is known; every attempt otherwise.
   */
  public ExperimentInputs(ExperimentCatalog catalog, ExposureStore exposures, ExperimentFirstAttempts firstAttempts,
                          JourneyKpis kpis) {
    this.catalog = catalog;
    this.exposures = exposures;
    this.firstAttempts = firstAttempts;
    this.kpis = kpis;
  }

  /** Joins every attempt in range with the assignments on each request: the reference the table is held to. */
  public static ExperimentInputs raw(ExperimentCatalog catalog, ExposureStore exposures, JourneyKpis kpis) {
    return new ExperimentInputs(catalog, exposures, null, kpis);
  }

  public ExperimentCatalog catalog() {
    return catalog;
  }

  /** Declared and seen experiment ids, sorted; re-read at most every few seconds unless {@code fresh}. */
  public List<String> ids(boolean fresh) {
    List<String> v = ids;
    long now = System.currentTimeMillis();
    if (fresh || v == null || now - idsAt > ContextIndex.TTL_MS) {
      v = catalog.ids(exposures.variantsSeen().keySet());
      ids = v;
      idsAt = now;
    }
    return v;
  }

  /**
   * The {@code experiment} option: strict, so an unknown id is a 400 naming the valid ones (while none is declared
   * or seen, any id selects nothing). A value not in the cached list is checked against a fresh read first, so an
   * experiment seen a moment ago is never refused.
   */
  public PayloadOption experimentOption() {
    OptionSource source = payload -> {
      List<String> known = ids(false);
      Optional<String> wanted = payload.first("experiment");
      if (wanted.isPresent() && !known.contains(wanted.get())) {
        known = ids(true);
      }
      return known.stream().map(OptionValue::of).toList();
    };
    return PayloadOption.select("experiment", "Experiment", source,
        "declared in --experiments or seen in exposures (default: the first by id)");
  }

  /** The {@code journey} option: what a discovered (undeclared) experiment is measured on. */
  public PayloadOption journeyOption() {
    OptionSource journeys = payload -> kpis.definitions().all().stream().map(JourneyDefinition::id)
        .map(OptionValue::of).toList();
    return PayloadOption.select("journey", "Journey", journeys, "journey measured for an experiment not declared"
        + " in --experiments (default: the one its exposed units attempted most after exposure); declared"
        + " experiments use their own");
  }

  /** The {@code attempts} option: each unit's first attempt after exposure (independent trials), or all. */
  public static PayloadOption attemptsOption() {
    return PayloadOption.select("attempts", "Attempts", OptionSource.fixed(FIRST, ALL),
        "first: each unit's first attempt after exposure (the rate tests' independent trials); all: every attempt")
        .withDefaults(FIRST);
  }

  /** The experiment a query asks for (or the first there is) with its data; empty when there is none at all. */
  public Optional<Selection> select(MetricQuery q) {
    Payload p = q.payload();
    Optional<String> id = p.first("experiment").or(() -> ids(false).stream().findFirst());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (ids(false).isEmpty() && ids(true).isEmpty()) {
      return Optional.empty(); // a fresh store: no experiment declared or seen, so nothing to select
    }
    Set<String> seen = exposures.variantsSeen().getOrDefault(id.get(), Set.of());
    ExperimentDefinition def;
    try {
      def = catalog.resolve(id.get(), seen);
    } catch (Refusal e) {
      throw e.under("payload");
    }
    long until = q.range().toMs();
    List<Assignment> assignments = exposures.assignments(def.id()).stream()
        .filter(a -> a.firstTimestamp() < until).toList();
    Map<String, Long> firstSeen = new HashMap<>();
    assignments.forEach(a -> firstSeen.put(a.unitId(), a.firstTimestamp()));
    long from = assignments.stream().mapToLong(Assignment::firstTimestamp).min().orElse(until);
    if (def.start() != null) {
      from = Math.max(from, def.start().toEpochMilli());
    }
    long to = def.stop() == null ? until : Math.min(until, def.stop().toEpochMilli());
    String journey = def.journey();
    String note = null;
    if (journey == null && p.first("journey").isPresent()) {
      journey = p.first("journey").get();
    } else if (journey == null) {
      journey = mostAttempted(firstSeen, from, to);
      note = journey == null
          ? "not declared in --experiments and its units attempted no journey after exposure yet"
          : "not declared in --experiments: measured on '" + journey + "', the journey its units attempted most "
              + "after exposure (choose another with the journey option, or declare it)";
    }
    boolean firstOnly = !ALL.equals(p.first("attempts").orElse(FIRST));
    boolean fromTable = firstOnly && firstAttempts != null && journey != null;
    List<AttemptOutcome> attempts = journey == null ? List.of()
        : fromTable ? firstAttempts(def.id(), journey, firstSeen) : outcomes(journey, firstSeen, from, to);
    return Optional.of(new Selection(def, journey, note, assignments, attempts, firstOnly, until,
        exposures.crossovers(def.id()), from, to, fromTable));
  }

  /**
   * Cumulative data at the end of each UTC day up to the range end, as {@link ExperimentData#daily} reads it from
   * every attempt: with first attempts only, the days still run to the latest attempt read, so that one is looked
   * up (only past the last day the counted data reaches, which is usually nothing to read).
   */
  public List<DailySnapshot> daily(Selection s) {
    long until = s.untilMs();
    ExperimentDefinition def = s.definition();
    List<AttemptOutcome> before = s.attempts().stream().filter(a -> a.startMs() < until).toList();
    if (!s.firstAttemptsOnly()) {
      return ExperimentData.daily(def, s.assignments(), before, s.firstAttemptOnly(), ZoneOffset.UTC);
    }
    long reached = Long.MIN_VALUE;
    for (Assignment a : s.assignments()) {
      if (def.running(a.firstTimestamp())) {
        reached = Math.max(reached, a.firstTimestamp());
      }
    }
    if (reached == Long.MIN_VALUE) {
      return List.of();
    }
    for (AttemptOutcome a : before) {
      if (def.running(a.startMs())) {
        reached = Math.max(reached, a.startMs());
      }
    }
    long nextDay = Instant.ofEpochMilli(reached).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1)
        .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long later = firstAttempts.latestAttemptStart(def.id(), s.journey(), Math.max(s.attemptsFromMs(), nextDay),
        s.attemptsToMs(), until).orElse(Long.MIN_VALUE);
    return ExperimentData.daily(def, s.assignments(), before, s.firstAttemptOnly(), ZoneOffset.UTC, later);
  }

  /** Each assigned unit's first attempt of the journey after its exposure, from the maintained table. */
  private List<AttemptOutcome> firstAttempts(String experiment, String journey, Map<String, Long> units) {
    List<AttemptOutcome> out = new ArrayList<>();
    for (ExperimentFirstAttempts.Row r : firstAttempts.rows(experiment, journey)) {
      if (units.containsKey(r.unitId())) {
        out.add(new AttemptOutcome(r.unitId(), r.startMs(), AttemptOutcome.Outcome.valueOf(r.outcome().name()),
            r.errored(), r.timeOnTaskSeconds()));
      }
    }
    return out;
  }

  private String mostAttempted(Map<String, Long> firstSeen, long from, long to) {
    String best = null;
    long bestCount = 0;
    for (JourneyDefinition j : kpis.definitions().all()) {
      long n = outcomes(j.id(), firstSeen, from, to).stream()
          .filter(o -> o.startMs() >= firstSeen.get(o.unitId())).count();
      if (n > bestCount) {
        best = j.id();
        bestCount = n;
      }
    }
    return best;
  }

  /** Attempts of the journey in [from, to) by assigned units, as the analysis reads them. */
  private List<AttemptOutcome> outcomes(String journey, Map<String, Long> units, long from, long to) {
    List<AttemptOutcome> out = new ArrayList<>();
    if (units.isEmpty() || to <= from) {
      return out;
    }
    for (Attempt a : kpis.attempts(journey, from, to, Map.of())) {
      if (a.userId() != null && units.containsKey(a.userId())) {
        out.add(new AttemptOutcome(a.userId(), a.start(), AttemptOutcome.Outcome.valueOf(a.outcome().name()),
            a.errorCount() > 0, a.timeOnTaskSeconds()));
      }
    }
    return out;
  }
}
