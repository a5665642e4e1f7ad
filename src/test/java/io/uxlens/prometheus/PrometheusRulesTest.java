package io.uxlens.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.uxlens.testing.Promtool;
import io.uxlens.testing.Runbooks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Prometheus rule files: promtool accepts them, their unit tests pass, and every alert is complete. */
class PrometheusRulesTest {
  static final Path RULES_DIR = Path.of("docker/prometheus/rules");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolChecksTheRules() throws Exception {
    Promtool.Result r = Promtool.require().run(RULES_DIR, null, "check", "rules", "uxlens-alerts.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    Promtool.Result r = Promtool.require().run(RULES_DIR, null, "test", "rules", "uxlens-alerts.test.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void promtoolChecksThePrometheusConfigAndItScrapesTheJobTheRulesExpect() throws Exception {
    Path dir = RULES_DIR.getParent();
    // The default stack's config and the one of the compose profile with several instances.
    for (String file : List.of("prometheus.yml", "prometheus-replicas.yml")) {
      Promtool.Result r = Promtool.require().run(dir, null, "check", "config", file);
      assertThat(r.exitCode()).as(r.output()).isZero();
      JsonNode config = YAML.readTree(dir.resolve(file).toFile());
      assertThat(config.path("scrape_configs").path(0).path("job_name").asText()).as(file).isEqualTo("uxlens");
      assertThat(config.path("scrape_configs").path(0).path("metrics_path").asText()).isEqualTo("/metrics");
    }
    JsonNode down = alerts().stream().filter(a -> a.path("alert").asText().equals("UxLensDown")).findFirst()
        .orElseThrow();
    assertThat(down.path("expr").asText()).contains("up{job=\"uxlens\"} == 0");
  }

  @Test
  void everyAlertHasSeverityJourneyTextAndALandingRunbookLink() throws Exception {
    Set<String> anchors = Runbooks.anchors();
    List<JsonNode> alerts = alerts();
    assertThat(alerts).extracting(a -> a.path("alert").asText()).containsExactlyInAnyOrder(
        "UxLensJourneyErrorRateSpike", "UxLensJourneyCompletionBelowTarget", "UxLensJourneyAbandonmentSurge",
        "UxLensIngestStalled", "UxLensSessionizerBehind", "UxLensDown");
    Set<String> firingWithJourney = firingAlertsWithJourneyLabel();
    for (JsonNode a : alerts) {
      String name = a.path("alert").asText();
      assertThat(a.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
      assertThat(a.path("annotations").path("summary").asText()).as(name).isNotBlank();
      assertThat(a.path("annotations").path("description").asText()).as(name).isNotBlank();
      String runbook = a.path("annotations").path("runbook_url").asText();
      assertThat(runbook).as(name).startsWith(Runbooks.PREFIX);
      assertThat(anchors).as(name + " runbook anchor").contains(runbook.substring(Runbooks.PREFIX.length()));
      // the journey label is static on service alerts and comes from `by (journey)` on journey alerts: the
      // unit tests' firing cases prove it is there
      assertThat(a.path("labels").has("journey") || firingWithJourney.contains(name))
          .as(name + " carries a journey label").isTrue();
      if (name.startsWith("UxLensJourney")) {
        assertThat(a.path("annotations").path("dashboard_path").asText()).as(name + " opens on-call on its journey")
            .isEqualTo(OnCallLinkTest.PATH);
      }
    }
  }

  @Test
  void everyAlertHasFiringAndQuietTestCases() throws Exception {
    Set<String> firing = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (JsonNode test : YAML.readTree(RULES_DIR.resolve("uxlens-alerts.test.yml").toFile()).path("tests")) {
      for (JsonNode c : test.path("alert_rule_test")) {
        (c.path("exp_alerts").isEmpty() ? quiet : firing).add(c.path("alertname").asText());
      }
    }
    for (JsonNode a : alerts()) {
      assertThat(firing).as("firing cases").contains(a.path("alert").asText());
      assertThat(quiet).as("quiet cases").contains(a.path("alert").asText());
    }
  }

  private static List<JsonNode> alerts() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode g : YAML.readTree(RULES_DIR.resolve("uxlens-alerts.yml").toFile()).path("groups")) {
      for (JsonNode r : g.path("rules")) {
        if (r.has("alert")) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static Set<String> firingAlertsWithJourneyLabel() throws Exception {
    Set<String> out = new HashSet<>();
    for (JsonNode test : YAML.readTree(RULES_DIR.resolve("uxlens-alerts.test.yml").toFile()).path("tests")) {
      for (JsonNode c : test.path("alert_rule_test")) {
        for (JsonNode e : c.path("exp_alerts")) {
          if (!e.path("exp_labels").path("journey").asText().isBlank()) {
            out.add(c.path("alertname").asText());
          }
        }
      }
    }
    return out;
  }
}
