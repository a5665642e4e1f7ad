package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.references.Assessment;
import io.uxlens.references.IndustryReferences;
import io.uxlens.references.KpiStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Every covered journey's KPIs over the range held against the squad's target and the industry benchmark
 * ({@link IndustryReferences}: task completion 78% per MeasuringU by default, overridable with --benchmarks): one row per
 * journey and KPI with value, unit, target, benchmark, status and the count the value rests on. Status, worst
 * first: below benchmark, below target, above target (meets it), no target, no data. Rates are 0..1, time on
 * task in seconds; a benchmark for error_rate or time_on_task_p75 may be added in the benchmarks file.
 */
public final class JourneyKpiTable extends PerJourneyTable {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .text("kpi", "attempts, completion_rate, abandonment_rate, error_rate, time_on_task_p75")
      .maybe("value", null, "the KPI over the range (null without data)")
      .text("unit", "count, ratio (0..1) or s")
      .maybe("target", null, "the journey's target (null when it sets none)")
      .maybe("benchmark", null, "the industry benchmark (null when none is known)")
      .text("status", "above target, below target, below benchmark, no target or no data")
      .number("n", "none", "what the value rests on: attempts, finished attempts or completed attempts");

  private final IndustryReferences benchmarks;

  public JourneyKpiTable(JourneyData data, IndustryReferences benchmarks) {
    super("journey.kpis",
        "KPI table per journey: value, target, industry benchmark and status (above target, below target,"
        + " below benchmark)", TABLE, data);
    this.benchmarks = benchmarks;
  }

  @Override
  protected void addRows(Table.Rows rows, JourneyDefinition j, MetricQuery q) {
    Optional<KpiBucket> s = data.summary(q, j);
    long attempts = s.map(KpiBucket::attempts).orElse(0L);
    long finished = s.map(KpiBucket::finished).orElse(0L);
    long completed = s.map(KpiBucket::completed).orElse(0L);
    Duration tot = j.targets().timeOnTaskP75();
    row(rows, j, "attempts", "count", attempts == 0 ? null : (double) attempts, null, true, attempts);
    row(rows, j, "completion_rate", "ratio", s.map(KpiBucket::completionRate).orElse(null),
        j.targets().completionRate(), true, finished);
    row(rows, j, "abandonment_rate", "ratio", s.map(KpiBucket::abandonmentRate).orElse(null), null, false,
        finished);
    row(rows, j, "error_rate", "ratio", s.map(KpiBucket::errorRate).orElse(null), j.targets().errorRate(), false,
        finished);
    row(rows, j, "time_on_task_p75", "s", s.map(KpiBucket::timeOnTaskP75).orElse(null),
        tot == null ? null : tot.toMillis() / 1000.0, false, completed);
  }

  private void row(Table.Rows rows, JourneyDefinition j, String kpi, String unit, Double value, Double target,
      boolean higherIsBetter, long n) {
    Assessment a;
    try {
      a = benchmarks.assess(kpi, value, target, higherIsBetter);
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("benchmarks", "the benchmarks file disagrees with UX Lens on " + kpi + ": "
          + e.getMessage());
    }
    rows.add(j.id(), kpi, value, unit, target, a.benchmark(), status(a.status()), n);
  }

  /** "above target", "below benchmark"...: the enum's words, as a panel shows them. */
  static String status(KpiStatus s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
