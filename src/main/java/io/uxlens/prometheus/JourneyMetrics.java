package io.uxlens.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journey health as Prometheus families. Journey and step labels only ever carry ids declared with
 * {@link #define}; anything else is {@code other}.
 *
 * <p>Call these on state changes, not on recomputation: {@link #attemptStarted} once when an attempt is first
 * seen, {@link #outcome} once when it finishes, {@link #stepReached} once per step the first time the attempt
 * reaches it. Counters only go up, so replaying an attempt would count it twice. A sessionizer that recomputes
 * whole sessions calls {@link #attemptsChanged} with the stored attempts before and after, and only the
 * differences are counted.
 */
public final class JourneyMetrics {
  /** KPIs a target can be exported for; the gauge's {@code kpi} label takes only these values. */
  public static final Set<String> TARGET_KPIS =
      Set.of("completion_rate", "abandonment_rate", "error_rate", "time_on_task_p75_seconds");
  static final Set<String> OUTCOMES = Set.of("completed", "abandoned");
  private static final int MAX_JOURNEYS = 100;
  private static final int MAX_STEPS_PER_JOURNEY = 64;

  private final KnownIds journeys = new KnownIds(MAX_JOURNEYS);
  private final Map<String, KnownIds> steps = new ConcurrentHashMap<>();
  private final Counter attempts;
  private final Counter outcomes;
  private final Counter stepEvents;
  private final Counter errors;
  private final Histogram timeOnTask;
  private final Histogram stepLatency;
  private final Gauge targets;

  JourneyMetrics(PrometheusRegistry registry) {
    attempts = Counter.builder().name("uxlens_journey_attempts_total")
        .help("Journey attempts started").labelNames("journey").register(registry);
    outcomes = Counter.builder().name("uxlens_journey_outcomes_total")
        .help("Journey attempts finished, by outcome (completed, abandoned)")
        .labelNames("journey", "outcome").register(registry);
    stepEvents = Counter.builder().name("uxlens_journey_step_events_total")
        .help("Attempts reaching a journey step").labelNames("journey", "step").register(registry);
    errors = Counter.builder().name("uxlens_journey_errors_total")
        .help("Error events inside journey attempts, by the last step reached").labelNames("journey", "step")
        .register(registry);
    timeOnTask = Histogram.builder().name("uxlens_journey_time_on_task_seconds").unit(Unit.SECONDS)
        .help("Time from the first to the last step of completed attempts").labelNames("journey")
        .classicOnly()
        .classicUpperBounds(5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200, 86400)
        .register(registry);
    stepLatency = Histogram.builder().name("uxlens_step_latency_seconds").unit(Unit.SECONDS)
        .help("Time from the previous step to this one within an attempt").labelNames("journey", "step")
        .classicOnly()
        .classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
        .register(registry);
    targets = Gauge.builder().name("uxlens_journey_target")
        .help("Target of a journey KPI from the journey definitions (ratios 0..1, times in seconds)")
        .labelNames("journey", "kpi").register(registry);
  }

  /**
   * Declares a journey and its step ids as label values and starts its counters at zero (so rates exist before
   * the first attempt). Call once per definition at startup; calling again adds steps.
   */
  public JourneyMetrics define(String journey, Collection<String> stepIds) {
    if (!journeys.add(journey)) {
      throw new IllegalStateException("more than " + MAX_JOURNEYS + " journeys: metrics would grow unbounded");
    }
    KnownIds known = steps.computeIfAbsent(journey, j -> new KnownIds(MAX_STEPS_PER_JOURNEY));
    if (!known.addAll(stepIds)) {
      throw new IllegalStateException("journey " + journey + " has more than " + MAX_STEPS_PER_JOURNEY + " steps");
    }
    attempts.labelValues(journey);
    for (String o : OUTCOMES) {
      outcomes.labelValues(journey, o);
    }
    return this;
  }

  /** Exports a target from the definitions, e.g. {@code target("checkout", "completion_rate", 0.7)}. */
  public JourneyMetrics target(String journey, String kpi, double value) {
    if (!TARGET_KPIS.contains(kpi)) {
      throw new IllegalArgumentException("unknown KPI '" + kpi + "'; valid: " + TARGET_KPIS);
    }
    if (!journeys.contains(journey)) {
      throw new IllegalArgumentException("journey '" + journey + "' is not defined; call define() first");
    }
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("target must be a finite non-negative number: " + value);
    }
    targets.labelValues(journey, kpi).set(value);
    return this;
  }

  public void attemptStarted(String journey) {
    attempts.labelValues(journeys.label(journey)).inc();
  }

  /** An attempt finished; {@code outcome} is an Outcome code (completed, abandoned), anything else is other. */
  public void outcome(String journey, String outcome) {
    String o = OUTCOMES.contains(outcome) ? outcome : KnownIds.OTHER;
    outcomes.labelValues(journeys.label(journey), o).inc();
  }

  /**
   * An attempt reached a step. {@code latencySeconds} is the time since the previous step; pass NaN for the
   * first step (or when unknown) and only the step counter moves.
   */
  public void stepReached(String journey, String step, double latencySeconds) {
    String j = journeys.label(journey);
    String s = stepLabel(j, step);
    stepEvents.labelValues(j, s).inc();
    if (Double.isFinite(latencySeconds) && latencySeconds >= 0) {
      stepLatency.labelValues(j, s).observe(latencySeconds);
    }
  }

  /** An error event inside an attempt; {@code step} is the last step reached (null when none). */
  public void error(String journey, String step) {
    String j = journeys.label(journey);
    errors.labelValues(j, stepLabel(j, step)).inc();
  }

  /** Time on task of a completed attempt. */
  public void timeOnTask(String journey, double seconds) {
    if (Double.isFinite(seconds) && seconds >= 0) {
      timeOnTask.labelValues(journeys.label(journey)).observe(seconds);
    }
  }

  /**
   * Counts what changed between the stored attempts of some sessions ({@code before}, by attempt id) and their
   * recomputation ({@code after}): new attempts, steps newly reached (with the latency from the previous step),
   * new error events, and outcomes newly final (with time on task when completed). Recomputing with nothing new
   * counts nothing. Attempts that vanish (merged by a late event) are not uncounted: counters never go down.
   * Call it after the recomputation committed, so a failed write counts nothing.
   */
  public void attemptsChanged(java.util.Map<String, AttemptState> before, Collection<AttemptState> after) {
    for (AttemptState a : after) {
      AttemptState b = before.get(a.id());
      if (b == null) {
        attemptStarted(a.journey());
      }
      int stepsBefore = b == null ? 0 : b.stepIds().size();
      for (int i = stepsBefore; i < a.stepIds().size(); i++) {
        double latency = i == 0 ? Double.NaN : (a.stepTimes().get(i) - a.stepTimes().get(i - 1)) / 1000.0;
        stepReached(a.journey(), a.stepIds().get(i), latency);
      }
      int errorsBefore = b == null ? 0 : b.errorSteps().size();
      for (int i = errorsBefore; i < a.errorSteps().size(); i++) {
        error(a.journey(), a.errorSteps().get(i));
      }
      if (a.finished() && (b == null || !b.finished())) {
        outcome(a.journey(), a.outcome());
        if (a.outcome().equals("completed") && a.end() != null) {
          timeOnTask(a.journey(), (a.end() - a.start()) / 1000.0);
        }
      }
    }
  }

  private String stepLabel(String journeyLabel, String step) {
    KnownIds known = steps.get(journeyLabel);
    return known == null ? KnownIds.OTHER : known.label(step);
  }
}
