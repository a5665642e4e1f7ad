package io.uxlens.experiment;

import io.uxlens.model.Assignment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds per-variant data from unit assignments and journey attempts. A unit counts when its first exposure lies
 * in the experiment's [start, stop); an attempt counts when its unit is counted, it starts at or after that first
 * exposure (what came before cannot have been influenced) and inside [start, stop). With
 * {@code firstAttemptPerUnit} only each unit's first such attempt counts, which makes attempts independent
 * trials for the rate tests at the cost of ignoring repeat attempts.
 */
public final class ExperimentData {
  private ExperimentData() {}

  public static Map<String, VariantData> collect(ExperimentDefinition def, Collection<Assignment> assignments,
                                                 Collection<AttemptOutcome> attempts, boolean firstAttemptPerUnit) {
    return collect(def, assignments, attempts, firstAttemptPerUnit, Long.MAX_VALUE);
  }

  /** As {@link #collect(ExperimentDefinition, Collection, Collection, boolean)}, seeing only what began before
   * {@code untilMs}. */
  public static Map<String, VariantData> collect(ExperimentDefinition def, Collection<Assignment> assignments,
                                                 Collection<AttemptOutcome> attempts, boolean firstAttemptPerUnit,
                                                 long untilMs) {
    Map<String, Assignment> byUnit = new HashMap<>();
    Map<String, Long> units = new TreeMap<>();
    for (Assignment a : assignments) {
      if (a.experiment().equals(def.id()) && def.running(a.firstTimestamp()) && a.firstTimestamp() < untilMs) {
        byUnit.put(a.unitId(), a);
        units.merge(a.variant(), 1L, Long::sum);
      }
    }
    List<AttemptOutcome> ordered = new ArrayList<>(attempts);
    ordered.sort(Comparator.comparingLong(AttemptOutcome::startMs).thenComparing(AttemptOutcome::unitId));
    Map<String, Acc> acc = new TreeMap<>();
    Set<String> seenUnits = new HashSet<>();
    for (AttemptOutcome at : ordered) {
      Assignment a = byUnit.get(at.unitId());
      if (a == null || at.startMs() < a.firstTimestamp() || at.startMs() >= untilMs || !def.running(at.startMs())) {
        continue;
      }
      if (firstAttemptPerUnit && !seenUnits.add(at.unitId())) {
        continue;
      }
      acc.computeIfAbsent(a.variant(), v -> new Acc()).add(at);
    }
    Map<String, VariantData> out = new TreeMap<>();
    for (String v : units.keySet()) {
      Acc a = acc.getOrDefault(v, new Acc());
      out.put(v, new VariantData(units.get(v), a.attempts, a.completed, a.abandoned, a.errored,
          TimeStats.of(a.times.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    return out;
  }

  /**
   * Cumulative data at the end of each calendar day (in {@code zone}) from the first counted exposure to the
   * last exposure or attempt: the input of {@link ExperimentAnalysis#liftOverTime}.
   */
  public static List<DailySnapshot> daily(ExperimentDefinition def, Collection<Assignment> assignments,
                                          Collection<AttemptOutcome> attempts, boolean firstAttemptPerUnit,
                                          ZoneId zone) {
    return daily(def, assignments, attempts, firstAttemptPerUnit, zone, Long.MIN_VALUE);
  }

  /**
   * As {@link #daily(ExperimentDefinition, Collection, Collection, boolean, ZoneId)}, the days running at least to
   * {@code lastActivityMs} as well: the latest attempt start when {@code attempts} holds only the attempts that
   * count (each unit's first), not every attempt that was read.
   */
  public static List<DailySnapshot> daily(ExperimentDefinition def, Collection<Assignment> assignments,
                                          Collection<AttemptOutcome> attempts, boolean firstAttemptPerUnit,
                                          ZoneId zone, long lastActivityMs) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Assignment a : assignments) {
      if (a.experiment().equals(def.id()) && def.running(a.firstTimestamp())) {
        first = Math.min(first, a.firstTimestamp());
        last = Math.max(last, a.firstTimestamp());
      }
    }
    if (first == Long.MAX_VALUE) {
      return List.of();
    }
    for (AttemptOutcome at : attempts) {
      if (def.running(at.startMs())) {
        last = Math.max(last, at.startMs());
      }
    }
    if (lastActivityMs != Long.MIN_VALUE && def.running(lastActivityMs)) {
      last = Math.max(last, lastActivityMs);
    }
    List<DailySnapshot> out = new ArrayList<>();
    LocalDate end = Instant.ofEpochMilli(last).atZone(zone).toLocalDate();
    for (LocalDate d = Instant.ofEpochMilli(first).atZone(zone).toLocalDate(); !d.isAfter(end); d = d.plusDays(1)) {
      long until = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
      out.add(new DailySnapshot(d, collect(def, assignments, attempts, firstAttemptPerUnit, until)));
    }
    return out;
  }

  private static final class Acc {
    long attempts;
    long completed;
    long abandoned;
    long errored;
    final List<Double> times = new ArrayList<>();

    void add(AttemptOutcome at) {
      attempts++;
      switch (at.outcome()) {
        case COMPLETED -> {
          completed++;
          if (at.timeOnTaskSeconds() != null) {
            times.add(at.timeOnTaskSeconds());
          }
        }
        case ABANDONED -> abandoned++;
        case IN_PROGRESS -> {
          return;
        }
      }
      if (at.errored()) {
        errored++;
      }
    }
  }
}
