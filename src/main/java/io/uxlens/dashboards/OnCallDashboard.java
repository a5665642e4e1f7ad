package io.uxlens.dashboards;

import java.util.List;

/** What on-call looks at: journey error and abandonment spikes next to service errors, latency and deploys. */
final class OnCallDashboard {
  static final String UID = "uxlens-oncall";

  private OnCallDashboard() {}

  /** All journeys first (the default), then each journey by name. */
  static List<String[]> journeyChoices(List<JourneySpec> journeys) {
    List<String[]> out = new java.util.ArrayList<>();
    out.add(new String[] {"All journeys", "all"});
    journeys.forEach(j -> out.add(new String[] {j.name(), j.id()}));
    return out;
  }

  static Dashboard of(List<JourneySpec> journeys) {
    Dashboard d = new Dashboard(UID, "UX Lens: on-call")
        .describe("Journey error rates and abandonment with deploys (blue) and incidents or detected spikes (red), "
            + "next to the services' errors and latency.")
        .tag("uxlens", "on-call")
        .timeFrom("now-24h")
        .customVariable("journey", "Journey", journeyChoices(journeys))
        .annotations("Deploys", "blue", "deploy")
        .annotations("Incidents and spikes", "red", "incident", "spike")
        .link("Overview", "/d/" + OverviewDashboard.UID);
    d.row("Journeys");
    Panel errors = Panel.of("timeseries", "Journey error rate").unit("percentunit").range(0.0, null)
        .displayName("${__field.labels.journey}").size(12, 8)
        .describe("Share of finished attempts with at least one error event, per journey.");
    Panel abandonment = Panel.of("timeseries", "Journey abandonment rate").unit("percentunit").range(0.0, 1.0)
        .displayName("${__field.labels.journey}").size(12, 8);
    for (JourneySpec j : journeys) {
      errors.query(CatalogueQueries.errorRate(j.id()).label("journey"));
      abandonment.query(CatalogueQueries.abandonmentRate(j.id()).label("journey"));
    }
    d.panel(errors);
    d.panel(abandonment);
    d.panel(Panel.of("table", "What changed: error rate of ${journey}")
        .query(CatalogueQueries.drivers("${journey}", "error_rate", "5")).size(24, 8)
        .describe("Top drivers of the error rate against the previous period, per journey: pick the alerting "
            + "journey (all: each journey's top five)."));
    d.row("Services");
    d.panel(Panel.of("timeseries", "Error spans by service").query(CatalogueQueries.spanErrorRate().groupBy("service"))
        .unit("percentunit").range(0.0, null).displayName("${__field.labels.service}").size(8, 8));
    d.panel(Panel.of("timeseries", "Span latency p95 by service")
        .query(CatalogueQueries.spanLatency("p95").groupBy("service"))
        .unit("ms").displayName("${__field.labels.service}").size(8, 8));
    d.panel(Panel.of("timeseries", "Database latency p95")
        .query(CatalogueQueries.spanLatency("p95").groupBy("db.system"))
        .unit("ms").displayName("${__field.labels.db_system}").size(8, 8)
        .describe("Spans by db.system; spans without one are not database calls."));
    d.row("Browser and changes");
    d.panel(Panel.of("timeseries", "Web vitals p75").query(CatalogueQueries.webVitals("p75", "lcp", "inp")).unit("ms")
        .displayName("${__field.labels.vital}").size(12, 8));
    d.panel(Panel.of("table", "Deploys and incidents").query(Query.table("annotations", Column.time(),
            Column.label("title"), Column.label("tags"), Column.label("text")).with("tag", "deploy", "incident",
            "spike"))
        .override("time", "unit", 
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("dateTimeAsIso"))
        .size(12, 8));
    return d;
  }
}
