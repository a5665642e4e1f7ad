package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.explain.Kpi;
import io.uxlens.explain.PrometheusRange;
import io.uxlens.explain.SeriesCorrelation;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Payload;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.KpiAccumulator;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Buckets;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system series from Prometheus next to a journey KPI: the PromQL expression is evaluated over the panel's range
 * at the panel's step ({@code /api/v1/query_range}), aligned bucket by bucket with the KPI, and the two are compared
 * ({@link SeriesCorrelation}: Pearson, Spearman and the best lag). Without {@code --prometheus-url} it answers a 400
 * saying how to enable it.
 */
public final class SystemCorrelation implements Metric {
  static final String ID = "correlation.system";
  static final int MAX_LAG_LIMIT = 60;
  static final int PROMQL_LIMIT = 2_000;
  private final JourneyData data;
  private final PrometheusRange prometheus;

  /** {@code prometheus} may be null: the metric then refuses with how to configure it. */
  public SystemCorrelation(JourneyData data, PrometheusRange prometheus) {
    this.data = data;
    this.prometheus = prometheus;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "A Prometheus series (PromQL) next to a journey KPI, aligned per bucket, with Pearson, Spearman and "
        + "the best lag (needs --prometheus-url)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        PayloadOption.select("journey", "Journey", p -> data.definitions().all().stream()
            .map(j -> new OptionValue(j.name(), j.id())).toList(), "the journey whose KPI is compared")
            .withDefaults(data.definitions().all().get(0).id()),
        PayloadOption.select("kpi", "KPI", p -> Kpi.names().stream().map(OptionValue::of).toList(),
            "the journey KPI per bucket").withDefaults(Kpi.ERROR_RATE.wire()),
        new PayloadOption("promql", "PromQL", PayloadOption.Type.INPUT, null, List.of(), List.of(), false,
            "a PromQL expression giving one series, e.g. max(orders_db_cpu_ratio)"),
        new PayloadOption("max_lag", "Max lag (steps)", PayloadOption.Type.INPUT, null, List.of(), List.of("5"),
            false, "lags tried in both directions, in panel steps (0-" + MAX_LAG_LIMIT + ")"));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("journey", "journey id"), RowColumn.label("kpi", "the KPI"),
        RowColumn.number("value", "the journey KPI in the bucket"),
        RowColumn.number("system", "the Prometheus series at the bucket start").orNull(),
        RowColumn.number("n", "buckets where both series have a value"),
        RowColumn.number("pearson", "Pearson correlation at lag 0").orNull(),
        RowColumn.number("spearman", "Spearman rank correlation at lag 0").orNull(),
        RowColumn.number("best_lag_steps", "lag with the largest |Pearson| (positive: the KPI follows)").orNull(),
        RowColumn.number("best_lag_s", "that lag in seconds").orNull(),
        RowColumn.number("lag_pearson", "Pearson correlation at that lag").orNull());
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    if (prometheus == null) {
      throw Refusal.badRequest("metric", ID + " needs a Prometheus server: start UX Lens with --prometheus-url "
          + "http://HOST:9090 (its HTTP API), then PromQL expressions in the panel's promql option are read from it");
    }
    String promql = q.payload().first("promql").map(String::trim).orElse("");
    if (promql.isEmpty()) {
      throw Refusal.badRequest("payload.promql", "a PromQL expression is required, e.g. max(orders_db_cpu_ratio)");
    }
    if (promql.length() > PROMQL_LIMIT) {
      throw Refusal.badRequest("payload.promql", "at most " + PROMQL_LIMIT + " characters");
    }
    int maxLag = maxLag(q.payload().first("max_lag").orElse("5"));
    Kpi kpi = Kpi.parse(q.payload().first("kpi").orElse(Kpi.ERROR_RATE.wire()), "payload.kpi");
    String journey = q.payload().first("journey").orElse(data.definitions().all().get(0).id());
    MetricQuery one = new MetricQuery(q.refId(), q.range(), q.buckets(), Payload.of(Map.of("journey", journey)),
        q.filters());
    List<JourneyData.Line> lines = data.lines(one, kpi == Kpi.TIME_ON_TASK_P50
        ? KpiAccumulator.Detail.TIME_ON_TASK : KpiAccumulator.Detail.COUNTS);
    Buckets b = q.buckets();
    List<Double> ux = new ArrayList<>(Collections.nCopies(b.count(), null));
    JourneyDefinition j = data.journeys(one).stream().findFirst().orElse(null);
    if (!lines.isEmpty()) {
      List<KpiBucket> buckets = lines.get(0).buckets();
      for (int i = 0; i < b.count(); i++) {
        ux.set(i, buckets.get(i) == null ? null : value(kpi, buckets.get(i)));
      }
    }
    List<PrometheusRange.Series> answer = prometheus.query(promql, b.startMs(),
        b.startMs() + (b.count() - 1) * b.stepMs(), b.stepMs());
    if (answer.size() > 1) {
      throw Refusal.badRequest("payload.promql", "the expression gives " + answer.size() + " series (e.g. "
          + answer.get(0).labels() + " and " + answer.get(1).labels() + "); aggregate it to one, e.g. sum(...) "
          + "or max(...)");
    }
    List<Double> system = new ArrayList<>(Collections.nCopies(b.count(), null));
    if (!answer.isEmpty()) {
      PrometheusRange.Series s = answer.get(0);
      for (int i = 0; i < s.times().size(); i++) {
        int k = b.index(s.times().get(i));
        if (k >= 0 && b.times().get(k).equals(s.times().get(i))) {
          system.set(k, s.values().get(i));
        }
      }
    }
    SeriesCorrelation c = SeriesCorrelation.of(ux, system, maxLag);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("journey", j == null ? journey : j.id());
    labels.put("kpi", kpi.wire());
    String unit = kpi.rate() ? "percentunit" : "s";
    List<Field> fields = new ArrayList<>();
    fields.add(Field.time("time", b.times()));
    fields.add(Field.number("value", ux, labels, FieldConfig.unit(unit).withDisplayName(journey + " " + kpi.wire())));
    fields.add(Field.number("system", system, null, FieldConfig.unit("none").withDisplayName(promql)));
    Integer lag = c.bestLag();
    fields.add(constant("n", c.n(), b.count()));
    fields.add(constant("pearson", c.pearson(), b.count()));
    fields.add(constant("spearman", c.spearman(), b.count()));
    fields.add(constant("best_lag_steps", lag, b.count()));
    fields.add(constant("best_lag_s", lag == null ? null : lag * b.stepMs() / 1000.0, b.count()));
    fields.add(constant("lag_pearson", c.lagPearson(), b.count()));
    return List.of(new DataFrame(ID, null, fields));
  }

  /** A statistic repeated on every row (so each Infinity row and a stat panel's "last" both read it), hidden. */
  private static Field constant(String name, Number v, int count) {
    return Field.number(name, new ArrayList<>(Collections.nCopies(count, v)), null,
        FieldConfig.unit("none").hidden());
  }

  private static Double value(Kpi kpi, KpiBucket b) {
    return switch (kpi) {
      case COMPLETION_RATE -> b.completionRate();
      case ERROR_RATE -> b.errorRate();
      case ABANDONMENT_RATE -> b.abandonmentRate();
      case TIME_ON_TASK_P50 -> b.timeOnTaskP50();
    };
  }

  static int maxLag(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0 && n <= MAX_LAG_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Refusal.badRequest("payload.max_lag", "'" + text + "' is not a whole number of steps from 0 to "
        + MAX_LAG_LIMIT);
  }
}
