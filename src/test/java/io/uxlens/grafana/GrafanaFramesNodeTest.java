package io.uxlens.grafana;

import static io.uxlens.testing.GrafanaFixture.FROM;
import static io.uxlens.testing.GrafanaFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.uxlens.testing.External;
import io.uxlens.testing.FixturePrometheus;
import io.uxlens.testing.PrometheusServer;
import io.uxlens.testing.GrafanaFixture;
import io.uxlens.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana's own frontend library judges our frames: every catalogue metric is queried through /grafana/query
 * (default payload, and split by group_by where it has one), the responses are written to files, and
 * src/test/node/grafana/check-frames.cjs runs them through @grafana/data's toDataFrame(). Needs
 * {@code npm ci --prefix src/test/node/grafana}; skipped with that message when node_modules is absent.
 */
class GrafanaFramesNodeTest {
  static final Path NODE_DIR = Path.of("src/test/node/grafana").toAbsolutePath();
  @TempDir Path dir;

  @Test
  void everyMetricsFramesPassToDataFrame() throws Exception {
    External.require(Files.isDirectory(NODE_DIR.resolve("node_modules/@grafana/data")),
        "@grafana/data is missing: run `npm ci --prefix src/test/node/grafana` to install @grafana/data for this check");
    Path out = Files.createDirectories(dir.resolve("frames"));
    PrometheusServer prometheus = FixturePrometheus.start(dir);
    try (TestServer s = TestServer.start(dir, c -> prometheus == null ? c : c.withPrometheus(prometheus.uri()))) {
      GrafanaFixture.seed(s);
      JsonNode catalogue = s.get("/api/v1/catalogue").json();
      if (prometheus == null) {
        // no Prometheus here (CI has it): correlation.system is left out of this run
        ArrayNode kept = Json.MAPPER.createArrayNode();
        catalogue.get("metrics").forEach(m -> {
          if (!m.get("id").asText().equals("correlation.system")) {
            kept.add(m);
          }
        });
        ((ObjectNode) catalogue).set("metrics", kept);
      }
      Files.writeString(out.resolve("catalogue.json"), catalogue.toString());
      int written = 0;
      for (JsonNode m : catalogue.get("metrics")) {
        String id = m.get("id").asText();
        written += write(s, out, id, null);
        for (JsonNode o : m.get("options")) {
          if (o.get("name").asText().equals("group_by")) {
            written += write(s, out, id, "app.version");
          }
        }
      }
      assertThat(written).isGreaterThanOrEqualTo(catalogue.get("metrics").size());
    } finally {
      if (prometheus != null) {
        prometheus.close();
      }
    }
    Process node = new ProcessBuilder("node", NODE_DIR.resolve("check-frames.cjs").toString(), out.toString())
        .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).contains("OK:");
    System.out.println(output.trim());
  }

  private static int write(TestServer s, Path out, String metric, String groupBy) throws Exception {
    String payload = FixturePrometheus.json(metric, groupBy);
    String body = "{\"range\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"},\"interval\":\"10m\","
        + "\"intervalMs\":600000,\"maxDataPoints\":1000,\"targets\":[{\"refId\":\"A\",\"target\":\"" + metric
        + "\",\"payload\":" + payload + "}]}";
    TestServer.Response r = s.postJson("/grafana/query", body);
    assertThat(r.status()).as(metric + ": " + r.text()).isEqualTo(200);
    ObjectNode file = Json.MAPPER.createObjectNode();
    file.put("metric", metric);
    if (groupBy != null) {
      file.put("groupBy", groupBy);
    }
    file.set("response", r.json());
    Files.writeString(out.resolve(metric + (groupBy == null ? "" : ".group_by") + ".json"), file.toString());
    return 1;
  }
}
