package io.uxlens.query.experiment;

import io.uxlens.Refusal;
import io.uxlens.experiment.AttemptOutcome;
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
import io.uxlens.store.ExposureStore;
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
  private final JourneyKpis kpis;
  private volatile List<String> ids;
  private volatile long idsAt;

  /** The chosen experiment and its data. {@code journey} is null when none could be found. */
  public record Selection(ExperimentDefinition definition, String journey, String journeyNote,
                          List<Assignment> assignments, List<AttemptOutcome> attempts, boolean firstAttemptOnly,
                          long untilMs, long crossovers) {}

  public ExperimentInputs(ExperimentCatalog catalog, ExposureStore exposures, JourneyKpis kpis) {
    this.catalog = catalog;
    this.exposures = exposures;
    this.kpis = kpis;
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
    List<AttemptOutcome> attempts = journey == null ? List.of() : outcomes(journey, firstSeen, from, to);
    boolean firstOnly = !ALL.equals(p.first("attempts").orElse(FIRST));
    return Optional.of(new Selection(def, journey, note, assignments, attempts, firstOnly, until,
        exposures.crossovers(def.id())));
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
