package io.uxlens.dashboards;

/**
 * Voice of the customer: NPS, CSAT, CES, sentiment, feedback volume, the top pain points beside the journey
 * completion and error rates they hurt, and what people say.
 */
final class VoiceDashboard {
  static final String UID = "uxlens-voice";

  private VoiceDashboard() {}

  static Dashboard of() {
    Dashboard d = new Dashboard(UID, "UX Lens: voice of the customer")
        .describe("Scores over time, the pain points of negative feedback ranked by mentions x negativity, and "
            + "quotes.")
        .tag("uxlens", "feedback")
        .timeFrom("now-14d")
        .annotations("Deploys", "blue", "deploy")
        .link("Overview", "/d/" + OverviewDashboard.UID);
    d.row("Scores");
    d.panel(Panel.of("timeseries", "NPS").query(CatalogueQueries.nps()).unit("none").range(-100.0, 100.0).size(6, 8)
        .describe("% promoters (9-10) minus % detractors (0-6)."));
    d.panel(Panel.of("timeseries", "CSAT").query(CatalogueQueries.csat()).unit("percent").range(0.0, 100.0).size(6, 8)
        .describe("Share of 4-5 of 5 answers."));
    d.panel(Panel.of("timeseries", "CES").query(CatalogueQueries.ces()).unit("none").range(1.0, 7.0).size(6, 8)
        .describe("Mean customer effort score, 1-7 (7 = very easy)."));
    d.panel(Panel.of("timeseries", "Sentiment").query(CatalogueQueries.sentiment()).unit("none").range(-1.0, 1.0)
        .size(6, 8).describe("Mean VADER compound score of feedback text, -1 to 1."));
    d.row("What people say");
    d.panel(Panel.of("table", "Top pain points this sprint").query(CatalogueQueries.painPoints()).size(12, 9)
        .override("share", "unit", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("percentunit"))
        .describe("Themes of negative feedback in the sprint holding the end of the range, ranked by mentions x "
            + "negativity, with the most negative quote."));
    d.panel(Panel.of("timeseries", "Completion rate by journey")
        .query(CatalogueQueries.everyJourney("journey.completion_rate", "Completion rate")).unit("percentunit")
        .range(0.0, 1.0).displayName("${__field.labels.journey}").size(12, 9)
        .describe("The journeys the pain points name, side by side: a theme rising as completion falls is the "
            + "one to fix first."));
    d.panel(Panel.of("timeseries", "Feedback volume").query(CatalogueQueries.feedbackVolume()).unit("short")
        .displayName("${__field.labels.kind}").size(12, 9));
    d.panel(Panel.of("timeseries", "Error rate by journey")
        .query(CatalogueQueries.everyJourney("journey.error_rate", "Error rate")).unit("percentunit")
        .range(0.0, 1.0).displayName("${__field.labels.journey}").size(12, 9));
    d.panel(Panel.of("table", "Quotes").query(CatalogueQueries.quotes()).size(24, 9)
        .override("time", "unit", 
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("dateTimeAsIso")));
    return d;
  }
}
