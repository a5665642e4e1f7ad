package io.uxlens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed dashboards are exactly what the generator makes, and what it makes is well formed. */
class GeneratedDashboardsTest {
  static final Path COMMITTED = Path.of("dashboards");

  @Test
  void committedDashboardsAreWhatTheGeneratorMakes() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    DashboardSet.generate(JourneySpecs.load(null), Flavor.INFINITY)
        .forEach((path, d) -> expected.put(path, DashboardSet.text(d)));
    Map<String, String> committed = new TreeMap<>();
    try (Stream<Path> files = Files.walk(COMMITTED)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        committed.put(COMMITTED.relativize(f).toString().replace('\\', '/'), Files.readString(f));
      }
    }
    assertThat(committed.keySet()).as("dashboards/ files (regenerate: uxlens dashboards --out dashboards)")
        .isEqualTo(expected.keySet());
    expected.forEach((path, text) -> assertThat(committed.get(path))
        .as("dashboards/%s differs from the generator: run uxlens dashboards --out dashboards", path)
        .isEqualTo(text));
  }

  @Test
  void theCommandWritesTheSameFilesForBothFlavoursAndRefusesBadInput(@TempDir Path dir) throws IOException {
    assertThat(Main.run("dashboards", "--out", dir.resolve("inf").toString())).isZero();
    assertThat(Main.run("dashboards", "--out", dir.resolve("json").toString(), "--flavor", "json-api")).isZero();
    for (String path : DashboardSet.generate(JourneySpecs.load(null), Flavor.INFINITY).keySet()) {
      assertThat(Files.readString(dir.resolve("inf").resolve(path))).isEqualTo(Files.readString(COMMITTED.resolve(path)));
      assertThat(dir.resolve("json").resolve(path)).exists();
    }
    assertThat(Main.run("dashboards", "--out", dir.toString(), "--flavor", "graphite")).isEqualTo(2);
    Path bad = Files.writeString(dir.resolve("bad.yml"), "journeys:\n  - id: Bad Id\n    steps: [{id: a}, {id: b}]\n");
    assertThatThrownBy(() -> JourneySpecs.load(bad)).hasMessageContaining("journeys[0].id");
    assertThat(Main.run("dashboards", "--journeys", bad.toString(), "--out", dir.toString())).isEqualTo(2);
  }

  @Test
  void everyDashboardHasItsUidQueriesOnItsDataSourceAndAFittingLayout() {
    List<JourneySpec> journeys = JourneySpecs.load(null);
    for (Flavor flavor : Flavor.values()) {
      Map<String, ObjectNode> set = DashboardSet.generate(journeys, flavor);
      Set<String> uids = new HashSet<>();
      set.values().forEach(d -> uids.add(d.path("uid").asText()));
      Set<String> expected = new HashSet<>(Set.of("uxlens-overview", "uxlens-oncall", "uxlens-experiments",
          "uxlens-voice"));
      journeys.forEach(j -> expected.add("uxlens-journey-" + j.id()));
      assertThat(uids).isEqualTo(expected);
      for (ObjectNode d : set.values()) {
        String uid = d.path("uid").asText();
        Set<Integer> ids = new HashSet<>();
        boolean[][] grid = new boolean[400][24];
        for (JsonNode p : d.path("panels")) {
          assertThat(ids.add(p.path("id").asInt())).as("%s: panel ids are unique", uid).isTrue();
          JsonNode g = p.path("gridPos");
          assertThat(g.path("x").asInt() + g.path("w").asInt()).as("%s/%s fits 24 columns", uid,
              p.path("title")).isLessThanOrEqualTo(24);
          for (int y = g.path("y").asInt(); y < g.path("y").asInt() + g.path("h").asInt(); y++) {
            for (int x = g.path("x").asInt(); x < g.path("x").asInt() + g.path("w").asInt(); x++) {
              assertThat(grid[y][x]).as("%s/%s overlaps another panel", uid, p.path("title")).isFalse();
              grid[y][x] = true;
            }
          }
          if (p.path("type").asText().equals("row")) {
            continue;
          }
          assertThat(p.path("datasource").path("uid").asText()).isEqualTo(flavor.uid());
          assertThat(p.path("targets")).as("%s/%s has queries", uid, p.path("title")).isNotEmpty();
          for (JsonNode t : targets(d)) {
            assertThat(t.path("datasource").path("uid").asText()).isEqualTo(flavor.uid());
            if (flavor == Flavor.INFINITY) {
              assertThat(t.path("url").asText()).startsWith("/api/v1/rows/")
                  .contains("from=${__timeFrom}&to=${__timeTo}");
              assertThat(t.path("parser").asText()).isEqualTo("backend");
            } else {
              assertThat(t.path("target").asText()).matches("[a-z]+(\\.[a-z_]+)*");
            }
          }
        }
      }
    }
  }

  @Test
  void journeyDashboardsSwitchJourneysAndShowTheirTargetsAsThresholds() {
    List<JourneySpec> journeys = JourneySpecs.load(null);
    ObjectNode d = DashboardSet.generate(journeys, Flavor.INFINITY).get("journeys/inventory-import.json");
    JsonNode variable = d.path("templating").path("list").get(0);
    assertThat(variable.path("name").asText()).isEqualTo("journey");
    assertThat(variable.path("current").path("value").asText()).isEqualTo("inventory-import");
    assertThat(variable.path("options")).hasSize(journeys.size());
    for (JsonNode t : targets(d)) {
      String url = t.path("url").asText();
      if (url.startsWith("/api/v1/rows/journey.") || url.startsWith("/api/v1/rows/correlation.")) {
        assertThat(url).contains("journey=${journey:percentencode}");
      }
    }
    JsonNode completion = panel(d, "Completion rate");
    JsonNode steps = completion.path("fieldConfig").path("defaults").path("thresholds").path("steps");
    assertThat(steps.get(1).path("value").asDouble()).isEqualTo(0.85);
    assertThat(panel(d, "Time on task p75").path("fieldConfig").path("defaults").path("thresholds").path("steps")
        .get(1).path("value").asDouble()).isEqualTo(300.0);
    List<String> titles = new ArrayList<>();
    d.path("panels").forEach(p -> titles.add(p.path("title").asText()));
    assertThat(titles).contains("Attempts", "Conversion by step", "Conversion and drop-off by step",
        "Time on task p50 / p75 / p95", "Error rate", "Step latency p95", "Completion by latency", "Bottlenecks",
        "Completion rate by app version");
    List<String> annotations = new ArrayList<>();
    d.path("annotations").path("list").forEach(a -> annotations.add(a.path("target").path("url").asText()));
    assertThat(annotations).anyMatch(u -> u.contains("tag=deploy")).anyMatch(u -> u.contains("tag=incident,spike"));
  }

  @Test
  void generationIsStable() {
    List<JourneySpec> journeys = JourneySpecs.load(null);
    Map<String, ObjectNode> a = DashboardSet.generate(journeys, Flavor.JSON_API);
    Map<String, ObjectNode> b = DashboardSet.generate(journeys, Flavor.JSON_API);
    a.forEach((k, v) -> assertThat(DashboardSet.text(v)).isEqualTo(DashboardSet.text(b.get(k))));
    assertThat(DashboardSet.text(a.get("overview.json"))).startsWith("{\n  \"uid\": \"uxlens-overview\",\n")
        .endsWith("}\n").doesNotContain("\r");
  }

  /** Every query of a dashboard: panel targets and annotation targets. */
  static List<JsonNode> targets(JsonNode d) {
    List<JsonNode> out = new ArrayList<>();
    d.path("panels").forEach(p -> p.path("targets").forEach(out::add));
    d.path("annotations").path("list").forEach(a -> {
      if (a.has("target")) {
        out.add(a.path("target"));
      }
    });
    return out;
  }

  static JsonNode panel(JsonNode d, String title) {
    for (JsonNode p : d.path("panels")) {
      if (p.path("title").asText().equals(title)) {
        return p;
      }
    }
    throw new AssertionError("no panel " + title);
  }
}
