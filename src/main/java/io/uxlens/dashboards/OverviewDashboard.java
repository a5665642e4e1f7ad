package io.uxlens.dashboards;

import java.util.List;

/** Every journey's KPIs against its targets and the industry benchmarks, and their trends side by side. */
final class OverviewDashboard {
  static final String UID = "uxlens-overview";

  private OverviewDashboard() {}

  static Dashboard of(List<JourneySpec> journeys) {
    Dashboard d = new Dashboard(UID, "UX Lens: journeys overview")
        .describe("Each journey's completion, abandonment, errors and time on task against its squad's targets "
            + "(colours) and industry benchmarks (table).")
        .tag("uxlens", "overview")
        .annotations("Deploys", "blue", "deploy")
        .link("On-call", "/d/" + OnCallDashboard.UID)
        .link("Experiments", "/d/" + ExperimentsDashboard.UID)
        .link("Voice of the customer", "/d/" + VoiceDashboard.UID);
    d.row("KPIs, targets and benchmarks");
    Panel table = Panel.of("table", "Journey KPIs against targets and benchmarks").size(24, 10)
        .describe("status: ABOVE_TARGET, BELOW_TARGET, BELOW_BENCHMARK (worst), NO_TARGET, NO_DATA.");
    for (JourneySpec j : journeys) {
      table.query(CatalogueQueries.kpis(j.id()));
    }
    table.transform("merge", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    d.panel(table);
    for (JourneySpec j : journeys) {
      d.row(j.name() + (j.squad() == null ? "" : " (" + j.squad() + ")"));
      String link = "/d/" + JourneyDashboard.uid(j.id());
      d.panel(JourneyDashboard.kpiStat(j.id(), "Completion rate", "completion_rate", "percentunit")
          .higherIsBetter(j.completionTarget()).size(6, 4).link("Open the " + j.name() + " dashboard", link));
      d.panel(JourneyDashboard.kpiStat(j.id(), "Abandonment rate", "abandonment_rate", "percentunit")
          .lowerIsBetter(j.abandonmentTarget()).size(6, 4).link("Open the " + j.name() + " dashboard", link));
      d.panel(JourneyDashboard.kpiStat(j.id(), "Error rate", "error_rate", "percentunit")
          .lowerIsBetter(j.errorTarget()).size(6, 4).link("Open the " + j.name() + " dashboard", link));
      d.panel(JourneyDashboard.kpiStat(j.id(), "Time on task p75", "time_on_task_p75", "s")
          .lowerIsBetter(j.timeOnTaskP75Target()).size(6, 4).link("Open the " + j.name() + " dashboard", link));
    }
    d.row("Trends");
    Panel completion = Panel.of("timeseries", "Completion rate by journey").unit("percentunit").range(0.0, 1.0)
        .displayName("${__field.labels.journey}").size(12, 8);
    Panel attempts = Panel.of("timeseries", "Attempts by journey").unit("short")
        .displayName("${__field.labels.journey}").size(12, 8);
    for (JourneySpec j : journeys) {
      completion.query(CatalogueQueries.completionRate(j.id()).label("journey"));
      attempts.query(CatalogueQueries.attempts(j.id()).label("journey"));
    }
    d.panel(completion);
    d.panel(attempts);
    return d;
  }
}
