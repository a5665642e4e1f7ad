package io.uxlens.query.journey;

import io.uxlens.correlate.Bottlenecks;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;

/**
 * Steps ranked as bottlenecks per journey ({@link Bottlenecks}): completions lost at the step, completion of the
 * attempts that had trouble there (an error, or slower than the step's median) against those that did not, and
 * score = lost x max(without - with, 0). Rank 1 is the worst step of its journey.
 */
public final class BottlenecksTable extends PerJourneyTable {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .number("rank", "none", "1 = the journey's worst step")
      .text("step", "step id")
      .number("index", "none", "step position")
      .number("faced", "none", "finished attempts that reached the previous step")
      .number("lost", "none", "of which never reached this step: completions lost here")
      .number("troubled", "none", "faced attempts with an error or a slower-than-median latency here")
      .maybe("completion_with_trouble", "percentunit", "completion rate of the troubled attempts")
      .maybe("completion_without_trouble", "percentunit", "completion rate of the others")
      .maybe("impact", "percentunit", "without minus with: how much trouble here costs completion")
      .maybe("median_latency_s", "s", "median seconds into the step")
      .number("score", "none", "lost x max(impact, 0)");

  public BottlenecksTable(JourneyData data) {
    super("correlation.bottlenecks",
        "Steps ranked by lost completions x how much worse completion is when the step errors or is slow", TABLE, data);
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    int rank = 0;
    for (Bottlenecks.Step s : Bottlenecks.rank(j, data.attempts(q, j))) {
      rows.add(j.id(), ++rank, s.stepId(), s.index(), s.faced(), s.lost(), s.troubled(),
          s.completionWithTrouble(), s.completionWithout(), s.impact(), s.medianLatencySeconds(), s.score());
    }
  }
}
