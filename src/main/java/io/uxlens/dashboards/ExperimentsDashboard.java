package io.uxlens.dashboards;

import java.util.ArrayList;
import java.util.List;

/** One experiment at a time: per-variant results with lift and p-values, exposures, lift over time. */
final class ExperimentsDashboard {
  static final String UID = "uxlens-experiments";

  private ExperimentsDashboard() {}

  private static com.fasterxml.jackson.databind.JsonNode percent() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("percentunit");
  }

  /** {@code experiment} and {@code journey}: what the dashboard opens on (the variables change them). */
  static Dashboard of(List<JourneySpec> journeys, String experiment, String journey) {
    List<String[]> choices = new ArrayList<>();
    journeys.stream().filter(j -> j.id().equals(journey)).forEach(j -> choices.add(new String[] {j.name(), j.id()}));
    journeys.stream().filter(j -> !j.id().equals(journey)).forEach(j -> choices.add(new String[] {j.name(), j.id()}));
    Dashboard d = new Dashboard(UID, "UX Lens: experiments")
        .describe("Variants against control: always-valid p-values (safe to look every day), Holm-corrected for "
            + "several variants, sample-ratio mismatch flagged.")
        .tag("uxlens", "experiments")
        .timeFrom("now-14d")
        .textVariable("experiment", "Experiment", experiment)
        .customVariable("journey", "Journey", choices)
        .annotations("Experiments", "purple", "experiment")
        .link("Overview", "/d/" + OverviewDashboard.UID);
    d.row("Results");
    d.panel(Panel.of("table", "Results by variant")
        .query(CatalogueQueries.experimentResults("${experiment}")).size(24, 7)
        .override("relative_lift", "unit", percent()).override("relative_ci_low", "unit", percent())
        .override("relative_ci_high", "unit", percent())
        .describe("Relative lift of each variant against control with its 95% CI; the always-valid p-value stays "
            + "valid however often you look."));
    d.panel(Panel.of("timeseries", "Lift over time").query(CatalogueQueries.lift("${experiment}")).unit("percentunit")
        .displayName("${__field.labels.variant}").size(12, 8)
        .describe("Cumulative relative lift of each variant against control, day by day."));
    d.panel(Panel.of("timeseries", "Exposures").query(CatalogueQueries.exposures("${experiment}")).unit("short")
        .displayName("${__field.labels.variant}").size(12, 8));
    d.row("Journey by variant");
    d.panel(Panel.of("timeseries", "Abandonment rate by variant")
        .query(CatalogueQueries.abandonmentRate("${journey}").groupBy("variant")).unit("percentunit").range(0.0, 1.0)
        .displayName("${__field.labels.variant}").size(12, 8));
    d.panel(Panel.of("timeseries", "Completion rate by variant")
        .query(CatalogueQueries.completionRate("${journey}").groupBy("variant")).unit("percentunit").range(0.0, 1.0)
        .displayName("${__field.labels.variant}").size(12, 8));
    return d;
  }
}
