package io.uxlens.dashboards;

/**
 * The catalogue metrics the dashboards use (docs/GRAFANA.md, docs/DESIGN.md "Query catalogue"), with the options
 * they pass and the row columns each panel relies on. One place to keep in step with the catalogue: the live
 * dashboard test checks every column here against real rows.
 */
final class CatalogueQueries {
  static final String JOURNEY = "journey";

  private CatalogueQueries() {}

  static Query attempts(String journey) {
    return Query.series("journey.attempts", "Attempts").with(JOURNEY, journey);
  }

  static Query completionRate(String journey) {
    return Query.series("journey.completion_rate", "Completion rate").with(JOURNEY, journey);
  }

  static Query abandonmentRate(String journey) {
    return Query.series("journey.abandonment_rate", "Abandonment rate").with(JOURNEY, journey);
  }

  static Query errorRate(String journey) {
    return Query.series("journey.error_rate", "Error rate").with(JOURNEY, journey);
  }

  static Query timeOnTask(String journey, String... quantiles) {
    return Query.series("journey.time_on_task", "Time on task", "quantile").with(JOURNEY, journey)
        .with("quantile", quantiles);
  }

  /** Conversion and drop-off per step, with the time from the previous step. */
  static Query funnel(String journey) {
    return Query.table("journey.funnel", Column.label("step"), Column.number("reached", "Reached"),
        Column.number("conversion", "Conversion"), Column.number("step_conversion", "Step conversion"),
        Column.number("drop_off", "Drop-off"), Column.number("latency_p95", "Step latency p95"))
        .with(JOURNEY, journey);
  }

  /** Every KPI of a journey held against its target and benchmark. */
  static Query kpis(String journey) {
    return Query.table("journey.kpis", Column.label("journey"), Column.label("kpi"), Column.number("value", "Value"),
        Column.number("target", "Target"), Column.number("benchmark", "Benchmark"), Column.label("status"))
        .with(JOURNEY, journey);
  }

  static Query completionByLatency(String journey) {
    return Query.table("correlation.completion_by_latency", Column.label("band"),
        Column.number("attempts", "Attempts"), Column.number("completion_rate", "Completion rate"))
        .with(JOURNEY, journey);
  }

  /** Steps ranked by the completions lost there that slowness or errors explain, with the operation behind them. */
  static Query bottlenecks(String journey) {
    return Query.table("correlation.bottlenecks", Column.number("rank", "Rank"), Column.label("step"),
        Column.number("lost", "Completions lost"), Column.number("score", "Lost to slowness or errors"),
        Column.number("slowness_share", "Share slowness"), Column.number("error_share", "Share errors"),
        Column.label("operation"), Column.label("service"),
        Column.number("operation_p95_lost_ms", "p95 lost (ms)"),
        Column.number("operation_p95_completed_ms", "p95 completed (ms)"))
        .with(JOURNEY, journey);
  }

  /** What moved a KPI against the previous period of the same length, segment by segment (journey.drivers). */
  static Query drivers(String journey, String kpi, String top) {
    return Query.table("journey.drivers", Column.label("journey"), Column.number("rank", "Rank"),
        Column.label("summary"), Column.label("dimension"), Column.label("segment"),
        Column.number("contribution", "Contribution"), Column.number("share", "Share of the change"),
        Column.label("effect"), Column.number("kpi_before", "Before"), Column.number("kpi_after", "After"),
        Column.number("adjusted_p_value", "Adjusted p"), Column.label("annotation"))
        .with(JOURNEY, journey).with("kpi", kpi).with("top", top);
  }

  /** A journey KPI next to a Prometheus series, with their correlation (correlation.system). */
  static Query systemCorrelation(String journey, String kpi, String promql) {
    return new Query("correlation.system", java.util.Map.of(), false, java.util.List.of(Column.time(),
        Column.number("value", "Error rate"), Column.number("system", "System series")))
        .with(JOURNEY, journey).with("kpi", kpi).with("promql", promql);
  }

  /** Seconds from the previous step, one series per step. */
  static Query stepLatency(String journey, String quantile) {
    return Query.series("journey.step_latency", "Step latency", "step").with(JOURNEY, journey)
        .with("quantile", quantile);
  }

  static Query spanLatency(String quantile) {
    return Query.series("perf.latency", "Latency", "quantile").with("quantile", quantile);
  }

  static Query spanErrorRate() {
    return Query.series("perf.error_rate", "Error spans");
  }

  static Query webVitals(String quantile, String... vitals) {
    return Query.series("perf.web_vitals", "Web vital", "vital", "quantile").with("vital", vitals)
        .with("quantile", quantile);
  }

  /** One row per variant: units, attempts, the metric's rate, relative lift with its CI, always-valid p-value. */
  static Query experimentResults(String experiment) {
    return Query.table("experiment.results", Column.label("variant"), Column.label("metric"),
        Column.number("units", "Units"), Column.number("attempts", "Attempts"), Column.number("rate", "Rate"),
        Column.number("relative_lift", "Relative lift"), Column.number("relative_ci_low", "CI low"),
        Column.number("relative_ci_high", "CI high"), Column.number("always_valid_p_value", "Always-valid p"),
        Column.label("status")).with("experiment", experiment);
  }

  static Query exposures(String experiment) {
    return Query.series("experiment.exposures", "Exposures", "variant").with("experiment", experiment);
  }

  static Query lift(String experiment) {
    return Query.series("experiment.lift", "Lift", "variant").with("experiment", experiment);
  }

  static Query nps() {
    return Query.series("feedback.nps", "NPS");
  }

  static Query csat() {
    return Query.series("feedback.csat", "CSAT");
  }

  static Query ces() {
    return Query.series("feedback.ces", "CES");
  }

  /** A journey KPI for every journey at once: one series per journey, labelled by it. */
  static Query everyJourney(String metric, String valueText) {
    return Query.series(metric, valueText, JOURNEY);
  }

  static Query sentiment() {
    return Query.series("feedback.sentiment", "Sentiment");
  }

  static Query feedbackVolume() {
    return Query.series("feedback.volume", "Feedback", "kind");
  }

  /** The top pain points of the sprint holding the range end (docs/GRAFANA.md). */
  static Query painPoints() {
    return Query.table("feedback.pain_points", Column.number("rank", "Rank"), Column.label("theme"),
        Column.number("mentions", "Mentions"), Column.number("share", "Share of negative feedback"),
        Column.number("mean_sentiment", "Mean sentiment"), Column.number("change", "Change vs last sprint"),
        Column.label("quote")).with("top", "5");
  }

  /** Newest feedback texts first (personal data masked by UX Lens). */
  static Query quotes() {
    return Query.table("feedback.quotes", Column.time(), Column.label("journey"), Column.label("kind"),
        Column.number("sentiment", "Sentiment"), Column.label("text")).with("limit", "50");
  }
}
