package io.uxlens.query.journey;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import java.util.Optional;

/**
 * The funnel of each covered journey over the range: per step, attempts that reached it in order, conversion
 * from the first step, conversion from the previous step, drop-off there and p95 latency into it. Attempts
 * still in progress count in reached (they did reach those steps). A journey without attempts shows its steps
 * at zero.
 */
public final class JourneyFunnel extends PerJourneyTable {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .number("index", "none", "step position, 0 = the first step")
      .text("step", "step id")
      .number("reached", "none", "attempts that reached the step in order")
      .maybe("conversion", "percentunit", "reached / attempts (null without attempts)")
      .maybe("step_conversion", "percentunit", "reached / reached at the previous step")
      .number("drop_off", "none", "reached at the previous step minus reached here (0 for the first step)")
      .maybe("latency_p95", "s", "p95 seconds from the previous step (null for the first step)");

  public JourneyFunnel(JourneyData data) {
    super("journey.funnel",
        "Funnel table per journey: reached, conversion, step conversion, drop-off and p95 latency per step", TABLE, data);
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    Optional<KpiBucket> sum = data.summary(q, j);
    for (int i = 0; i < j.steps().size(); i++) {
      if (sum.isPresent()) {
        KpiBucket.StepKpi s = sum.get().steps().get(i);
        rows.add(j.id(), i, s.stepId(), s.reached(), s.conversion(), s.stepConversion(), s.dropOff(),
            s.latencyP95());
      } else {
        rows.add(j.id(), i, j.step(i).id(), 0L, null, null, 0L, null);
      }
    }
  }
}
