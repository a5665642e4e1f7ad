package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One journey's dashboard: KPIs against the squad's targets, what changed against the previous period (and the
 * journey's system series from Prometheus when it has one), the funnel, time on task, errors with deploys and
 * incidents, step latency, completion by latency, bottlenecks and the split by app version. Every query uses
 * the {@code journey} variable, whose default is this journey: one dashboard can show any journey.
 */
final class JourneyDashboard {
  static final String VAR = "${journey}";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JourneyDashboard() {}

  static String uid(String journeyId) {
    return "uxlens-journey-" + journeyId;
  }

  static Dashboard of(JourneySpec j, List<JourneySpec> all) {
    Dashboard d = new Dashboard(uid(j.id()), "Journey: " + j.name())
        .describe("Squad " + (j.squad() == null ? "-" : j.squad()) + ". Steps: " + String.join(" > ", j.steps())
            + ". Thresholds show this journey's targets.")
        .tag("uxlens", "journey", j.id())
        .customVariable("journey", "Journey", all.stream().map(x -> new String[] {x.name(), x.id()})
            .sorted((a, b) -> a[1].equals(j.id()) ? -1 : b[1].equals(j.id()) ? 1 : 0).toList())
        .annotations("Deploys", "blue", "deploy")
        .annotations("Incidents and spikes", "red", "incident", "spike")
        .link("Overview", "/d/" + OverviewDashboard.UID)
        .link("On-call", "/d/" + OnCallDashboard.UID);

    d.row("KPIs against targets");
    d.panel(Panel.of("stat", "Attempts").query(CatalogueQueries.attempts(VAR)).size(4, 5)
        .describe("Attempts started in the range (in progress included).")
        .option("reduceOptions", reduce("sum")).option("graphMode", "area"));
    d.panel(kpiStat("Completion rate", "completion_rate", "percentunit").higherIsBetter(j.completionTarget())
        .describe(target("Completed / finished attempts", j.completionTarget(), "%")));
    d.panel(kpiStat("Abandonment rate", "abandonment_rate", "percentunit").lowerIsBetter(j.abandonmentTarget())
        .describe(target("Abandoned / finished attempts", j.abandonmentTarget(), "%")));
    d.panel(kpiStat("Error rate", "error_rate", "percentunit").lowerIsBetter(j.errorTarget())
        .describe(target("Finished attempts with at least one error", j.errorTarget(), "%")));
    d.panel(kpiStat("Time on task p75", "time_on_task_p75", "s").lowerIsBetter(j.timeOnTaskP75Target())
        .describe(target("75th percentile of completed attempts", j.timeOnTaskP75Target(), "s")));

    d.row("Outcomes over time");
    d.panel(Panel.of("timeseries", "Attempts").query(CatalogueQueries.attempts(VAR)).unit("short").size(8, 8));
    d.panel(Panel.of("timeseries", "Completion and abandonment").query(CatalogueQueries.completionRate(VAR))
        .query(CatalogueQueries.abandonmentRate(VAR)).unit("percentunit").range(0.0, 1.0)
        .higherIsBetter(j.completionTarget()).targetLines().size(8, 8)
        .describe("Dashed line: the completion target."));
    d.panel(Panel.of("timeseries", "Error rate")
        .query(CatalogueQueries.errorRate(VAR)).unit("percentunit").range(0.0, null)
        .lowerIsBetter(j.errorTarget()).targetLines().size(8, 8)
        .describe("Share of finished attempts with an error; deploys (blue) and incidents or spikes (red) marked."));

    d.row("What changed");
    d.panel(Panel.of("table", "What changed: completion").query(CatalogueQueries.drivers(VAR, "completion_rate", "5"))
        .size(12, 8).describe("Segments that moved completion against the previous period of the same length, by "
            + "how far their part of the change exceeds their size; each with the deploy or release just before it."));
    d.panel(Panel.of("table", "What changed: error rate").query(CatalogueQueries.drivers(VAR, "error_rate", "5"))
        .size(12, 8).describe("Segments that moved the error rate against the previous period of the same length."));
    if (j.systemSeries() != null) {
      d.panel(Panel.of("timeseries", "Error rate and system series")
          .query(CatalogueQueries.systemCorrelation(VAR, "error_rate", j.systemSeries())).size(24, 8)
          .describe("The journey's error rate next to " + j.systemSeries() + " read from Prometheus (UX Lens "
              + "started with --prometheus-url); each row also carries Pearson, Spearman and the best lag."));
    }

    d.row("Funnel");
    d.panel(Panel.of("bargauge", "Conversion by step").query(CatalogueQueries.funnel(VAR)).unit("percentunit")
        .range(0.0, 1.0).size(12, 9).describe("Share of attempts that reached each step, in order.")
        .option("reduceOptions", fields("/^conversion$/")).option("orientation", "horizontal")
        .option("displayMode", "gradient").option("valueMode", "color").option("namePlacement", "left")
        .option("showUnfilled", JSON.booleanNode(true)));
    d.panel(Panel.of("table", "Conversion and drop-off by step").query(CatalogueQueries.funnel(VAR)).size(12, 9)
        .override("conversion", "unit", JSON.textNode("percentunit"))
        .override("step_conversion", "unit", JSON.textNode("percentunit"))
        .override("latency_p95", "unit", JSON.textNode("s")));

    d.row("Time and latency");
    d.panel(Panel.of("timeseries", "Time on task p50 / p75 / p95")
        .query(CatalogueQueries.timeOnTask(VAR, "p50", "p75", "p95"))
        .unit("s").lowerIsBetter(j.timeOnTaskP75Target()).targetLines().displayName("${__field.labels.quantile}")
        .size(12, 8).describe("Completed attempts; dashed line: the p75 target."));
    d.panel(Panel.of("timeseries", "Step latency p95").query(CatalogueQueries.stepLatency(VAR, "p95")).unit("s")
        .displayName("${__field.labels.step}").size(12, 8)
        .describe("95th percentile of the time from the previous step to each step."));

    d.row("Experience against performance");
    d.panel(Panel.of("barchart", "Completion by latency").query(CatalogueQueries.completionByLatency(VAR))
        .unit("percentunit").range(0.0, 1.0).size(8, 9)
        .describe("Completion rate of attempts by the latency they saw: slow attempts complete less.")
        .option("xField", "band").keep("band", "completion_rate"));
    d.panel(Panel.of("table", "Bottlenecks").query(CatalogueQueries.bottlenecks(VAR)).size(8, 9)
        .describe("Steps ranked by drop-off times how much worse completion gets when that step is slow or fails."));
    d.panel(Panel.of("table", "KPIs, targets and benchmarks").query(CatalogueQueries.kpis(VAR)).size(8, 9));

    d.row("By app version");
    d.panel(Panel.of("timeseries", "Completion rate by app version")
        .query(CatalogueQueries.completionRate(VAR).groupBy("app_version")).unit("percentunit").range(0.0, 1.0)
        .displayName("${__field.labels.app_version}").size(12, 8));
    d.panel(Panel.of("timeseries", "Error rate by app version")
        .query(CatalogueQueries.errorRate(VAR).groupBy("app_version"))
        .unit("percentunit").displayName("${__field.labels.app_version}").size(12, 8));
    return d;
  }

  /** A stat of one KPI row of journey.kpis (the value over the whole range, not a mean of buckets). */
  static Panel kpiStat(String title, String kpi, String unit) {
    return kpiStat(VAR, title, kpi, unit);
  }

  static Panel kpiStat(String journey, String title, String kpi, String unit) {
    return Panel.of("stat", title).query(CatalogueQueries.kpis(journey)).unit(unit).size(5, 5).onlyRows("kpi", kpi)
        .option("reduceOptions", fields("/^value$/")).option("colorMode", "background").option("graphMode", "none");
  }

  static ObjectNode reduce(String calc) {
    ObjectNode r = JSON.objectNode();
    r.putArray("calcs").add(calc);
    r.put("fields", "");
    r.put("values", false);
    return r;
  }

  static ObjectNode fields(String regex) {
    ObjectNode r = JSON.objectNode();
    r.putArray("calcs").add("lastNotNull");
    r.put("fields", regex);
    r.put("values", true);
    return r;
  }

  private static String target(String what, Double target, String unit) {
    if (target == null) {
      return what + ". No target set.";
    }
    String t = unit.equals("%") ? Math.round(target * 1000) / 10.0 + "%" : Math.round(target) + " s";
    return what + ". Target: " + t + ".";
  }
}
