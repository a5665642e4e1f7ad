package io.uxlens.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.query.RowColumn;
import io.uxlens.testing.External;
import io.uxlens.testing.FixturePrometheus;
import io.uxlens.testing.PrometheusServer;
import io.uxlens.testing.GrafanaFixture;
import io.uxlens.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Infinity contract checked with jq, as Infinity's jq-backend parser would read our rows: for every catalogue
 * metric (default payload, and grouped where it offers group_by), the root selector {@code .rows[]} yields rows
 * and every column selector the catalogue declares resolves in every row with the declared type (or null, for a
 * column the catalogue declares nullable).
 */
class InfinityRowsJqTest {
  @TempDir Path dir;

  @Test
  void rootAndColumnSelectorsResolveWithTheirDeclaredTypes() throws Exception {
    External.require(jqInstalled(), "jq is not installed (apt-get install jq)");
    int checked = 0;
    PrometheusServer prometheus = FixturePrometheus.start(dir);
    try (TestServer s = TestServer.start(dir, c -> prometheus == null ? c : c.withPrometheus(prometheus.uri()))) {
      GrafanaFixture.seed(s);
      for (JsonNode m : s.get("/api/v1/catalogue").json().get("metrics")) {
        String id = m.get("id").asText();
        if (prometheus == null && id.equals("correlation.system")) {
          continue; // no Prometheus here (CI has it)
        }
        List<String> groupings = new ArrayList<>();
        groupings.add(null);
        m.get("options").forEach(o -> {
          if (o.get("name").asText().equals("group_by")) {
            groupings.add("app.version");
          }
        });
        for (String groupBy : groupings) {
          String path = "/api/v1/rows/" + id + "?from=" + GrafanaFixture.T0 + "&to=" + (GrafanaFixture.T0 + 3_600_000L)
              + "&interval=600000" + (groupBy == null ? "" : "&group_by=" + groupBy) + FixturePrometheus.query(id);
          TestServer.Response r = s.get(path);
          assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
          Path file = dir.resolve(id + (groupBy == null ? "" : ".grouped") + ".json");
          Files.write(file, r.body());
          Result ok = jq("-e", program(m.get("rowColumns"), groupBy), file.toString());
          assertThat(ok.exit).as(path + ": jq says " + ok.out + "\nrows: " + r.text()).isZero();
          assertThat(jq("-e", "[.rows[]] | length > 0", file.toString()).exit).as(path + " has rows").isZero();
          assertThat(jq("-r", ".metric", file.toString()).out.trim()).isEqualTo(id);
          checked++;
        }
      }
    } finally {
      if (prometheus != null) {
        prometheus.close();
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
  }

  /** jq program: true when every row from .rows[] has each declared column with the declared type. */
  static String program(JsonNode columns, String groupBy) {
    List<String> checks = new ArrayList<>();
    for (JsonNode c : columns) {
      String selector = c.get("selector").asText();
      if (selector.equals(RowColumn.GROUP_BY)) {
        if (groupBy == null) {
          continue;
        }
        selector = RowColumn.columnName(groupBy);
      }
      String type = c.get("type").asText();
      String test = switch (type) {
        case "timestamp_epoch" -> "(type == \"number\" and . == floor and . > 0)";
        case "number" -> "type == \"number\"";
        case "string" -> "type == \"string\"";
        case "boolean" -> "type == \"boolean\"";
        default -> throw new AssertionError("undeclared Infinity column type " + type);
      };
      if (c.path("nullable").asBoolean(false)) {
        test = "(. == null or " + test + ")";
      }
      checks.add("(.[\"" + selector + "\"] | " + test + ")");
    }
    return "[.rows[] | " + String.join(" and ", checks) + "] | length > 0 and all";
  }

  record Result(int exit, String out) {}

  private static boolean jqInstalled() throws Exception {
    return jq("--version").exit == 0; // 127: no jq on the PATH
  }

  static Result jq(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("jq"));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return new Result(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
