package io.uxlens.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.uxlens.testing.Runbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * provisioning/alerting against docs/CONTRACTS.md ("Grafana Infinity rows" and "Grafana file provisioning"): Infinity backend queries on catalogue metrics,
 * reduce + threshold expressions, fixed uids, and a policy that routes to a provisioned contact point.
 * Grafana cannot run here, so this is the offline check of what it would load.
 */
class GrafanaAlertProvisioningTest {
  static final Path DIR = Path.of("provisioning/alerting");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String INFINITY_UID = "uxlens-infinity";
  /** The minimum query catalogue (docs/DESIGN.md "Query catalogue"): alerts may only query these. */
  static final Set<String> CATALOGUE = Set.of("journey.attempts", "journey.completion_rate",
      "journey.abandonment_rate", "journey.error_rate", "journey.time_on_task", "journey.funnel", "journey.kpis",
      "perf.latency", "perf.error_rate", "perf.web_vitals", "correlation.completion_by_latency",
      "correlation.bottlenecks", "experiment.results", "experiment.exposures", "feedback.nps", "feedback.csat",
      "feedback.sentiment", "feedback.pain_points", "annotations");
  static final Pattern ROWS_URL = Pattern.compile("^/api/v1/rows/([a-z0-9_.]+)\\?(.*)$");
  static final Set<String> COLUMN_TYPES =
      Set.of("string", "number", "timestamp", "timestamp_epoch", "timestamp_epoch_s", "boolean");

  @Test
  void everyFileIsApiVersion1() throws IOException {
    List<Path> files = files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (Path f : files) {
      assertThat(YAML.readTree(f.toFile()).path("apiVersion").asInt()).as(f.toString()).isEqualTo(1);
    }
  }

  @Test
  void rulesQueryInfinityBackendThenReduceThenThreshold() throws IOException {
    List<JsonNode> rules = rules();
    assertThat(rules).extracting(r -> r.path("uid").asText())
        .containsExactlyInAnyOrder("uxlens-journey-error-rate", "uxlens-journey-completion-drop");
    Set<String> metrics = new HashSet<>();
    for (JsonNode rule : rules) {
      String uid = rule.path("uid").asText();
      assertThat(uid).matches("[a-z0-9-]{1,40}");
      assertThat(rule.path("condition").asText()).as(uid + ": the traffic guard decides").isEqualTo("F");
      assertThat(rule.path("for").asText()).as(uid).matches("\\d+[smh]");
      assertThat(rule.path("noDataState").asText()).as(uid).isIn("NoData", "Alerting", "OK", "KeepLast");
      assertThat(rule.path("execErrState").asText()).as(uid).isIn("Error", "Alerting", "OK", "KeepLast");
      JsonNode data = rule.path("data");
      assertThat(data).as(uid).hasSize(6);

      JsonNode a = data.get(0);
      assertThat(a.path("refId").asText()).isEqualTo("A");
      assertThat(a.path("datasourceUid").asText()).as(uid).isEqualTo(INFINITY_UID);
      assertThat(a.path("relativeTimeRange").path("from").asInt()).as(uid).isPositive();
      assertThat(a.path("relativeTimeRange").path("to").asInt()).as(uid).isZero();
      metrics.add(assertInfinityBackendQuery(uid, a.path("model"), "value"));

      JsonNode b = data.get(1);
      assertThat(b.path("refId").asText()).isEqualTo("B");
      assertThat(b.path("datasourceUid").asText()).isEqualTo("__expr__");
      assertThat(b.path("model").path("type").asText()).isEqualTo("reduce");
      assertThat(b.path("model").path("expression").asText()).isEqualTo("A");
      assertThat(b.path("model").path("reducer").asText()).isEqualTo("last");
      assertThat(b.path("model").path("settings").path("mode").asText()).isEqualTo("dropNN");

      JsonNode c = data.get(2);
      assertThat(c.path("refId").asText()).isEqualTo("C");
      assertThat(c.path("datasourceUid").asText()).isEqualTo("__expr__");
      assertThat(c.path("model").path("type").asText()).isEqualTo("threshold");
      assertThat(c.path("model").path("expression").asText()).isEqualTo("B");
      JsonNode evaluator = c.path("model").path("conditions").path(0).path("evaluator");
      assertThat(evaluator.path("type").asText()).isIn("gt", "lt");
      assertThat(evaluator.path("params").path(0).isNumber()).as(uid + " threshold").isTrue();
      assertTrafficGuard(uid, data);
      for (JsonNode d : data) {
        assertThat(d.path("model").path("refId").asText()).isEqualTo(d.path("refId").asText());
      }

      // provisioning expands $VARS in labels (not in annotations or models): a '$' there would be eaten
      rule.path("labels").properties().forEach(e ->
          assertThat(e.getValue().asText()).as(uid + " label " + e.getKey()).doesNotContain("$"));
      assertThat(rule.path("labels").path("team").asText()).isEqualTo("uxlens");
      String runbook = rule.path("annotations").path("runbook_url").asText();
      assertThat(runbook).startsWith(Runbooks.PREFIX);
      assertThat(Runbooks.anchors()).as(uid + " runbook").contains(runbook.substring(Runbooks.PREFIX.length()));
      assertThat(rule.path("annotations").path("summary").asText()).contains("{{ $labels.journey }}");
      assertThat(rule.path("annotations").path("dashboard_path").asText()).as(uid + " opens on-call on its journey")
          .isEqualTo(OnCallLinkTest.PATH);
    }
    assertThat(metrics).containsExactlyInAnyOrder("journey.error_rate", "journey.completion_rate");
  }

  /**
   * D reads the denominator (finished attempts) of A's own buckets, E takes its last bucket, and F, the condition,
   * is a math expression: the threshold C holds and E is at least 20 attempts.
   */
  private static void assertTrafficGuard(String uid, JsonNode data) {
    JsonNode d = data.get(3);
    assertThat(d.path("refId").asText()).isEqualTo("D");
    assertThat(d.path("datasourceUid").asText()).as(uid).isEqualTo(INFINITY_UID);
    assertInfinityBackendQuery(uid, d.path("model"), "finished");
    assertThat(d.path("model").path("url").asText()).as(uid + ": same buckets as A")
        .isEqualTo(data.get(0).path("model").path("url").asText());
    assertThat(d.path("relativeTimeRange")).isEqualTo(data.get(0).path("relativeTimeRange"));
    JsonNode e = data.get(4);
    assertThat(e.path("refId").asText()).isEqualTo("E");
    assertThat(e.path("model").path("type").asText()).isEqualTo("reduce");
    assertThat(e.path("model").path("expression").asText()).isEqualTo("D");
    assertThat(e.path("model").path("reducer").asText()).isEqualTo("last");
    JsonNode f = data.get(5);
    assertThat(f.path("refId").asText()).isEqualTo("F");
    assertThat(f.path("datasourceUid").asText()).isEqualTo("__expr__");
    assertThat(f.path("model").path("type").asText()).isEqualTo("math");
    String expression = f.path("model").path("expression").asText();
    Matcher guard = Pattern.compile("^\\$C > 0 && \\$E >= (\\d+)$").matcher(expression);
    assertThat(guard.matches()).as(uid + " guard " + expression).isTrue();
    assertThat(Integer.parseInt(guard.group(1))).as(uid + " minimum attempts").isGreaterThanOrEqualTo(20);
  }

  /** Checks the alert query model (docs/CONTRACTS.md "Alert query model") and returns the catalogue metric it reads. */
  private static String assertInfinityBackendQuery(String uid, JsonNode model, String valueColumn) {
    assertThat(model.path("datasource").path("type").asText()).isEqualTo("yesoreyeram-infinity-datasource");
    assertThat(model.path("datasource").path("uid").asText()).isEqualTo(INFINITY_UID);
    assertThat(model.path("type").asText()).isEqualTo("json");
    assertThat(model.path("source").asText()).isEqualTo("url");
    assertThat(model.path("parser").asText()).as(uid + ": only the backend parser runs in alerts")
        .isEqualTo("backend");
    assertThat(model.path("format").asText()).isEqualTo("timeseries");
    assertThat(model.path("url_options").path("method").asText()).isEqualTo("GET");
    assertThat(model.path("root_selector").asText()).isEqualTo("rows");
    Matcher m = ROWS_URL.matcher(model.path("url").asText());
    assertThat(m.matches()).as(uid + " url " + model.path("url").asText()).isTrue();
    assertThat(CATALOGUE).as(uid + " metric").contains(m.group(1));
    List<String> params = List.of(m.group(2).split("&"));
    assertThat(params).contains("from=${__timeFrom}", "to=${__timeTo}");
    assertThat(params).as(uid + ": no journey filter, so every journey is one alert instance")
        .noneMatch(p -> p.startsWith("journey="));
    Map<String, String> columns = new java.util.LinkedHashMap<>();
    for (JsonNode col : model.path("columns")) {
      assertThat(COLUMN_TYPES).contains(col.path("type").asText());
      columns.put(col.path("selector").asText(), col.path("type").asText());
    }
    assertThat(columns).containsEntry("time", "timestamp_epoch").containsEntry("journey", "string")
        .containsEntry(valueColumn, "number").hasSize(3);
    return m.group(1);
  }

  @Test
  void policyRoutesToAProvisionedContactPoint() throws IOException {
    Set<String> names = new HashSet<>();
    Set<String> uids = new HashSet<>();
    for (Path f : files()) {
      for (JsonNode cp : YAML.readTree(f.toFile()).path("contactPoints")) {
        assertThat(cp.path("orgId").asInt()).isEqualTo(1);
        names.add(cp.path("name").asText());
        for (JsonNode r : cp.path("receivers")) {
          assertThat(uids.add(r.path("uid").asText())).as("unique receiver uid").isTrue();
          assertThat(r.path("type").asText()).isEqualTo("webhook");
          assertThat(r.path("settings").path("url").asText()).startsWith("http");
        }
      }
    }
    assertThat(uids).containsExactly("uxlens-oncall-webhook");
    List<JsonNode> policies = new ArrayList<>();
    for (Path f : files()) {
      YAML.readTree(f.toFile()).path("policies").forEach(policies::add);
    }
    assertThat(policies).hasSize(1);
    JsonNode root = policies.get(0);
    assertThat(root.path("orgId").asInt()).isEqualTo(1);
    // Grafana policies name their receiver by contact point name
    assertThat(names).contains(root.path("receiver").asText());
    List<String> groupBy = new ArrayList<>();
    root.path("group_by").forEach(g -> groupBy.add(g.asText()));
    assertThat(groupBy).contains("grafana_folder", "alertname", "journey");
    Set<String> ruleTeams = new HashSet<>();
    for (JsonNode rule : rules()) {
      ruleTeams.add(rule.path("labels").path("team").asText());
    }
    boolean routed = false;
    for (JsonNode route : root.path("routes")) {
      assertThat(names).as("route receiver").contains(route.path("receiver").asText());
      for (JsonNode matcher : route.path("object_matchers")) {
        if (matcher.path(0).asText().equals("team") && matcher.path(1).asText().equals("=")
            && ruleTeams.contains(matcher.path(2).asText())) {
          routed = true;
        }
      }
    }
    assertThat(routed).as("a route matches the rules' team label").isTrue();
  }

  @Test
  void groupsAreOrg1WithAFolderAndInterval() throws IOException {
    for (JsonNode g : groups()) {
      assertThat(g.path("orgId").asInt()).isEqualTo(1);
      assertThat(g.path("folder").asText()).isNotBlank();
      assertThat(g.path("interval").asText()).isEqualTo("1m");
    }
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> groups() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Path f : files()) {
      YAML.readTree(f.toFile()).path("groups").forEach(out::add);
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  private static List<JsonNode> rules() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode g : groups()) {
      g.path("rules").forEach(out::add);
    }
    return out;
  }
}
