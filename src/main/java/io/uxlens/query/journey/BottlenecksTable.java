package io.uxlens.query.journey;

import io.uxlens.correlate.BackendCause;
import io.uxlens.correlate.Bottlenecks;
import io.uxlens.correlate.Correlations;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Attempt;
import io.uxlens.query.MetricQuery;
import io.uxlens.store.SessionTelemetryStore;
import java.util.List;

/**
 * Steps ranked as bottlenecks per journey ({@link Bottlenecks}): completions lost at the step, split into lost
 * while waiting and lost after an error; how many of them slowness (a wait, abandoned waits included, beyond the
 * reaching attempts' p75) and errors explain beyond the step's usual loss; and the backend operation whose latency
 * or error rate differs most between lost and reaching attempts ({@link BackendCause}). Rank 1 is the worst step.
 */
public final class BottlenecksTable extends PerJourneyTable {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .number("rank", "none", "1 = the journey's worst step")
      .text("step", "step id")
      .number("index", "none", "step position")
      .number("faced", "none", "finished attempts that reached the previous step")
      .number("lost", "none", "of which never reached this step: completions lost here")
      .number("troubled", "none", "faced attempts with an error at the previous step or a wait beyond the p75")
      .maybe("completion_with_trouble", "percentunit", "completion rate of the troubled attempts")
      .maybe("completion_without_trouble", "percentunit", "completion rate of the others")
      .maybe("impact", "percentunit", "without minus with: how much trouble here costs completion")
      .maybe("median_latency_s", "s", "median seconds into the step (attempts that reached it)")
      .number("score", "none", "completions lost here that slowness or errors explain")
      .number("lost_waiting", "none", "lost attempts without an error at the previous step")
      .number("lost_after_error", "none", "lost attempts with an error at the previous step")
      .maybe("slow_threshold_s", "s", "p75 wait of the attempts that reached the step: longer waits are slow")
      .number("lost_to_slowness", "none", "slow attempts' losses beyond the loss rate of the others")
      .number("lost_to_errors", "none", "errored attempts' losses beyond the loss rate of the others")
      .maybe("slowness_share", "percentunit", "lost_to_slowness / lost")
      .maybe("error_share", "percentunit", "lost_to_errors / lost")
      .text("operation", "span name that differs most between lost and reaching attempts (empty: none)")
      .text("service", "service of that operation (empty: none)")
      .maybe("operation_p95_lost_ms", "ms", "p95 duration of the operation in the lost attempts")
      .maybe("operation_p95_completed_ms", "ms", "p95 duration of the operation in the attempts that reached the step")
      .maybe("operation_error_rate_lost", "percentunit", "error rate of the operation in the lost attempts")
      .maybe("operation_error_rate_completed", "percentunit", "its error rate in the reaching attempts");

  private final SessionTelemetryStore telemetry;

  public BottlenecksTable(JourneyData data, SessionTelemetryStore telemetry) {
    super("correlation.bottlenecks",
        "Steps ranked by completions lost that slowness or errors explain, with the backend operation behind them",
        TABLE, data);
    this.telemetry = telemetry;
  }

  /**
   * From the rollups when they can answer, else from the attempts; backend causes from the spans of the newest
   * attempts on each side of a step (all of them while a side holds up to {@link Correlations#CAUSE_SAMPLE}).
   */
  private List<Bottlenecks.Step> steps(JourneyDefinition j, MetricQuery q) {
    var state = data.correlation(q, j);
    if (state.isPresent()) {
      long[] range = JourneyData.range(q);
      return Bottlenecks.rank(j, state.get(), Correlations.sampledCauses(data.kpis(), telemetry, j, range[0],
          range[1]));
    }
    List<Attempt> attempts = data.attempts(q, j);
    if (!AttemptFilter.of(q.filters()).equalities().isEmpty() || AttemptFilter.of(q.filters()).predicate() != null) {
      // ad hoc filters: the cause must come from the filtered attempts themselves
      return Bottlenecks.rank(j, attempts, Correlations.spansOf(telemetry, attempts));
    }
    long[] range = JourneyData.range(q);
    return Bottlenecks.rank(j, attempts, Correlations.sampledCauses(data.kpis(), telemetry, j, range[0], range[1]));
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    int rank = 0;
    for (Bottlenecks.Step s : steps(j, q)) {
      BackendCause.Operation op = s.cause();
      rows.add(j.id(), ++rank, s.stepId(), s.index(), s.faced(), s.lost(), s.troubled(),
          s.completionWithTrouble(), s.completionWithout(), s.impact(), s.medianLatencySeconds(), s.score(),
          s.lostWaiting(), s.lostAfterError(), s.slowThresholdSeconds(), s.lostToSlowness(), s.lostToErrors(),
          s.slownessShare(), s.errorShare(), op == null ? "" : op.name(), op == null ? "" : op.service(),
          op == null ? null : op.p95LostMs(), op == null ? null : op.p95ReachedMs(),
          op == null ? null : op.errorRateLost(), op == null ? null : op.errorRateReached());
    }
  }
}
