package io.uxlens.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The link journey alerts carry to the on-call dashboard with the alert's journey selected. Held against the
 * shipped dashboard: its uid, and a {@code journey} variable the link can set.
 */
class OnCallLinkTest {
  static final String PATH = "/d/uxlens-oncall?var-journey={{ $labels.journey }}";

  @Test
  void theLinkNamesTheShippedOnCallDashboardAndItsJourneyVariable() throws Exception {
    JsonNode dashboard = Json.MAPPER.readTree(Path.of("dashboards/oncall.json").toFile());
    List<String> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(PATH).startsWith("/d/" + dashboard.path("uid").asText() + "?");
    assertThat(variables).contains(PATH.substring(PATH.indexOf("var-") + 4, PATH.indexOf('=')));
  }
}
