package io.uxlens.journey;

import java.util.List;

/**
 * Journey KPIs for the attempts that started in one bucket (and one group value when split). Ratios are null when
 * their denominator is zero; the denominators are here so a panel can hide thin buckets:
 * completion and abandonment rates over {@code finished} (completed + abandoned), error rate over {@code finished},
 * time on task over {@code completed}. Times on task are in seconds. In-progress attempts count in {@code attempts}
 * and in the funnel's {@code reached} counts, never in the rates.
 */
public record KpiBucket(
    long time,
    String group,
    long attempts,
    long completed,
    long abandoned,
    long inProgress,
    long finished,
    long finishedWithError,
    Double completionRate,
    Double abandonmentRate,
    Double errorRate,
    Double timeOnTaskP50,
    Double timeOnTaskP75,
    Double timeOnTaskP95,
    List<StepKpi> steps) {

  public KpiBucket {
    steps = List.copyOf(steps);
  }

  /**
   * One funnel step: {@code reached} attempts got to it in order; {@code conversion} = reached / attempts;
   * {@code stepConversion} = reached / reached at the previous step; {@code dropOff} = previous reached - reached
   * (0 for the first step); latencies (seconds from the previous step) are null for the first step.
   */
  public record StepKpi(
      int index,
      String stepId,
      long reached,
      Double conversion,
      Double stepConversion,
      long dropOff,
      Double latencyP50,
      Double latencyP95,
      Double latencyP99) {}

  static KpiBucket of(long time, String group, JourneyDefinition j, KpiAccumulator a) {
    long finished = a.completed + a.abandoned;
    List<StepKpi> steps = new java.util.ArrayList<>();
    for (int i = 0; i < j.steps().size(); i++) {
      long prev = i == 0 ? a.attempts : a.reached[i - 1];
      boolean first = i == 0;
      Double[] latency = first ? new Double[3] : KpiAccumulator.quantiles(a.stepLatency[i], 0.50, 0.95, 0.99);
      steps.add(new StepKpi(i, j.step(i).id(), a.reached[i], ratio(a.reached[i], a.attempts),
          ratio(a.reached[i], prev), first ? 0 : prev - a.reached[i], latency[0], latency[1], latency[2]));
    }
    Double[] timeOnTask = KpiAccumulator.quantiles(a.timeOnTask, 0.50, 0.75, 0.95);
    return new KpiBucket(time, group, a.attempts, a.completed, a.abandoned, a.inProgress, finished,
        a.finishedWithError, ratio(a.completed, finished), ratio(a.abandoned, finished),
        ratio(a.finishedWithError, finished), timeOnTask[0], timeOnTask[1], timeOnTask[2], steps);
  }

  private static Double ratio(long num, long den) {
    return den == 0 ? null : (double) num / den;
  }
}
