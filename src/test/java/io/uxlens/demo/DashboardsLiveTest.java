package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.dashboards.DashboardSet;
import io.uxlens.dashboards.Flavor;
import io.uxlens.dashboards.JourneySpecs;
import io.uxlens.dashboards.PanelQueries;
import io.uxlens.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every dashboard, run against a live demo (2 days, no live traffic) the way Grafana would run
 * it: time macros and variables filled in, Infinity row URLs fetched, JSON API targets posted. Each must return
 * data, and Infinity rows must carry every column the panel declares, with its type. All failures are listed at
 * once, by dashboard and panel.
 */
class DashboardsLiveTest {
  static final long INTERVAL = 3_600_000L;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dir;
  static Demo demo;
  static long from;
  static long to;
  static Map<String, Map<String, JsonNode>> catalogue;
  static final java.util.Set<String> pending = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());

  @BeforeAll
  static void startDemo() throws Exception {
    to = Instant.now().toEpochMilli() / 60_000 * 60_000;
    from = to - 2 * 86_400_000L;
    demo = Demo.start(new Demo.Settings(2, 42, 1, false, 1, "127.0.0.1", 0, dir.resolve("demo.db"), false, 4),
        h -> { }, to);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void everyInfinityPanelQueryOfTheCommittedDashboardsReturnsRowsWithItsColumns() throws Exception {
    List<String> problems = new ArrayList<>();
    int queries = 0;
    try (Stream<Path> files = Files.walk(Path.of("dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode d = Json.MAPPER.readTree(f.toFile());
        Map<String, String> vars = PanelQueries.variables(d, from, to, INTERVAL);
        for (Map.Entry<String, JsonNode> q : PanelQueries.queries(d).entrySet()) {
          if (!inCatalogue(PanelQueries.metricOf(q.getValue()))) {
            continue;
          }
          queries++;
          String where = d.path("uid").asText() + " / " + q.getKey();
          String problem = checkRows(q.getValue(), vars, required(d, q.getKey()));
          if (problem != null) {
            problems.add(where + ": " + problem);
          }
        }
      }
    }
    report("Infinity", queries, problems);
    assertThat(queries).isGreaterThan(20);
    assertThat(problems).as("panels without the data they declare (%d queries)", queries).isEmpty();
    pendingMetrics();
  }

  @Test
  void everyJsonApiPanelQueryReturnsFramesWithValues() throws Exception {
    List<String> problems = new ArrayList<>();
    int queries = 0;
    for (ObjectNode d : DashboardSet.generate(JourneySpecs.load(null), Flavor.JSON_API).values()) {
      Map<String, String> vars = PanelQueries.variables(d, from, to, INTERVAL);
      for (Map.Entry<String, JsonNode> q : PanelQueries.queries(d).entrySet()) {
        if (!inCatalogue(PanelQueries.metricOf(q.getValue()))) {
          continue;
        }
        queries++;
        String problem = checkFrames(q.getValue(), vars);
        if (problem != null) {
          problems.add(d.path("uid").asText() + " / " + q.getKey() + ": " + problem);
        }
      }
    }
    report("JSON API", queries, problems);
    assertThat(problems).as("JSON API panels without data").isEmpty();
    pendingMetrics();
  }

  /** The catalogue's metrics and their row columns (selector to declaration), from the server itself. */
  static Map<String, Map<String, JsonNode>> catalogue() throws Exception {
    if (catalogue == null) {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(demo.baseUri() + "/api/v1/catalogue"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, Map<String, JsonNode>> metrics = new HashMap<>();
      for (JsonNode m : Json.MAPPER.readTree(r.body()).path("metrics")) {
        Map<String, JsonNode> cols = new HashMap<>();
        m.path("rowColumns").forEach(c -> cols.put(c.path("selector").asText(), c));
        metrics.put(m.path("id").asText(), cols);
      }
      catalogue = metrics;
    }
    return catalogue;
  }

  /**
   * How the catalogue declares a panel's column: the same selector, or the group_by column for a split. Null
   * when the catalogue does not have it.
   */
  static JsonNode declared(String metric, JsonNode target, String selector) throws Exception {
    Map<String, JsonNode> cols = catalogue().get(metric);
    JsonNode c = cols.get(selector);
    if (c == null && target.path("url").asText().contains("group_by=")) {
      c = cols.get("{group_by}");
    }
    return c;
  }

  static boolean inCatalogue(String metric) throws Exception {
    if (metric.equals("correlation.system")) {
      // needs a Prometheus server (SystemCorrelationTest and the catalogue-wide frame and jq checks run it)
      return false;
    }
    if (!catalogue().containsKey(metric)) {
      pending.add(metric);
      return false;
    }
    return true;
  }

  /**
   * Metrics the dashboards use that the catalogue does not serve yet: their panels cannot be checked, which is
   * reported as a skip naming them (every query of a metric the catalogue has was checked strictly above).
   */
  static void pendingMetrics() {
    org.junit.jupiter.api.Assumptions.assumeTrue(pending.isEmpty(), "dashboard metrics not in the catalogue yet, "
        + "their panels have no data: " + pending);
  }

  /** One line per failing query on stdout, so a run shows at a glance which panels lack data. */
  static void report(String flavor, int queries, List<String> problems) {
    System.out.printf("%s: %d of %d dashboard queries returned the data they declare%n", flavor,
        queries - problems.size(), queries);
    problems.forEach(p -> System.out.println("  NO DATA " + (p.length() > 220 ? p.substring(0, 220) + "..." : p)
        .replace('\n', ' ')));
  }

  /** Null when the rows are there with every declared column; else what is wrong. */
  static String checkRows(JsonNode target, Map<String, String> vars, Map<String, String> required)
      throws Exception {
    String url = PanelQueries.fill(target.path("url").asText(), vars);
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(demo.baseUri() + url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      return "GET " + url + " answered " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
    }
    JsonNode rows = Json.MAPPER.readTree(r.body()).path(target.path("root_selector").asText());
    if (!rows.isArray() || rows.isEmpty()) {
      return "GET " + url + " returned no rows";
    }
    for (Map.Entry<String, String> need : required.entrySet()) {
      boolean found = false;
      for (JsonNode row : rows) {
        found |= need.getValue().equals(row.path(need.getKey()).asText());
      }
      if (!found) {
        return "GET " + url + ": no row with " + need.getKey() + " = " + need.getValue() + " for the panel's filter";
      }
    }
    String metric = PanelQueries.metricOf(target);
    for (JsonNode c : target.path("columns")) {
      JsonNode decl = declared(metric, target, c.path("selector").asText());
      if (decl == null || !decl.path("type").asText().equals(c.path("type").asText())) {
        return "column " + c + " is not among " + metric + "'s row columns as declared: " + decl;
      }
    }
    for (JsonNode row : rows) {
      for (JsonNode c : target.path("columns")) {
        JsonNode v = row.get(c.path("selector").asText());
        boolean nullable = declared(metric, target, c.path("selector").asText()).path("nullable").asBoolean();
        boolean ok = v != null && (v.isNull() && nullable || switch (c.path("type").asText()) {
          case "timestamp_epoch" -> v.isIntegralNumber();
          case "number" -> v.isNumber();
          case "string" -> v.isTextual();
          default -> false;
        });
        if (!ok) {
          return "GET " + url + ": column " + c.path("selector").asText() + " (" + c.path("type").asText()
              + ") missing or mistyped in row " + row;
        }
      }
    }
    return null;
  }

  static String checkFrames(JsonNode target, Map<String, String> vars) throws Exception {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("range").put("from", Instant.ofEpochMilli(from).toString()).put("to", Instant.ofEpochMilli(to)
        .toString());
    body.put("intervalMs", INTERVAL);
    body.put("maxDataPoints", 1000);
    ObjectNode t = target.deepCopy();
    t.set("payload", Json.MAPPER.readTree(PanelQueries.fill(t.path("payload").toString(), vars)));
    body.putArray("targets").add(t);
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(demo.baseUri() + "/grafana/query"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      return "query " + t.path("target").asText() + " answered " + r.statusCode() + " "
          + new String(r.body(), StandardCharsets.UTF_8);
    }
    for (JsonNode frame : Json.MAPPER.readTree(r.body())) {
      for (JsonNode field : frame.path("fields")) {
        for (JsonNode v : field.path("values")) {
          if (!v.isNull() && !field.path("type").asText().equals("time")) {
            return null;
          }
        }
      }
    }
    return "query " + t.path("target").asText() + " " + t.path("payload") + " returned no values";
  }

  /** Field values the panel's filterByValue transformations keep: some row must have them. */
  static Map<String, String> required(JsonNode d, String query) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode p : d.path("panels")) {
      if (query.startsWith(PanelQueries.key(p) + " [")) {
        for (JsonNode t : p.path("transformations")) {
          if (t.path("id").asText().equals("filterByValue")) {
            for (JsonNode f : t.path("options").path("filters")) {
              out.put(f.path("fieldName").asText(), f.path("config").path("options").path("value").asText());
            }
          }
        }
      }
    }
    return out;
  }
}
