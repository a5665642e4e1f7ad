package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.server.ServerConfig;
import io.uxlens.testing.ConsoleCapture;
import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code uxlens serve --benchmarks FILE --sprint-days N --sprint-anchor DATE}: bad values are usage errors (exit 2,
 * one line); good ones reach the server, whose feedback metrics then use them.
 */
class ServeVoiceOptionsTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  @TempDir Path dir;



  @Test
  void badSprintDaysAndAnchorExitTwoWithOneLine() {
    assertThat(Main.run("serve", "--sprint-days", "0")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --sprint-days must be between 1 and 366, got 0");
    console.reset();
    assertThat(Main.run("serve", "--sprint-days", "fortnight")).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").contains("'fortnight' is not an int");
    console.reset();
    assertThat(Main.run("serve", "--sprint-anchor", "next monday")).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: --sprint-anchor: ")
        .contains("'next monday'");
  }

  @Test
  void badBenchmarksFilesExitTwoWithOneLine() throws Exception {
    assertThat(Main.run("serve", "--benchmarks", dir.resolve("missing.yml").toString())).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: --benchmarks: ").contains("missing.yml");
    console.reset();
    Path noSource = Files.writeString(dir.resolve("no-source.yml"),
        "benchmarks:\n  - kpi: nps\n    value: 30\n    higher_is_better: true\n");
    assertThat(Main.run("serve", "--benchmarks", noSource.toString())).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: --benchmarks: ").contains("source");
    console.reset();
    Path notYaml = Files.writeString(dir.resolve("broken.yml"), "benchmarks: [\n  - kpi: {\n");
    assertThat(Main.run("serve", "--benchmarks", notYaml.toString())).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: --benchmarks: ");
  }

  @Test
  void goodValuesReachTheConfigAndTheMetrics() throws Exception {
    Path file = Files.writeString(dir.resolve("ours.yml"), """
        benchmarks:
          - kpi: nps
            value: 30
            unit: score
            higher_is_better: true
            source: our own target for the survey panel
        """);
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--benchmarks", file.toString(), "--sprint-days", "7",
        "--sprint-anchor", "2026-03-02");
    ServerConfig.Voice voice = serve.config().voice();
    assertThat(voice.calendar().length()).isEqualTo(Duration.ofDays(7));
    assertThat(voice.calendar().anchor()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(voice.benchmarks().get("nps").orElseThrow().value()).isEqualTo(30);
    assertThat(voice.benchmarks().get("csat")).as("shipped entries stay").isPresent();

    try (TestServer s = TestServer.start(dir, c -> c.withVoice(voice))) {
      JsonNode options = s.get("/api/v1/catalogue").json().path("metrics");
      JsonNode pain = null;
      for (JsonNode m : options) {
        if (m.path("id").asText().equals("feedback.pain_points")) {
          pain = m.path("options");
        }
      }
      assertThat(pain).isNotNull();
      assertThat(pain.toString()).contains("\"name\":\"sprint_days\"").contains("\"default\":[\"7\"]")
          .contains("\"default\":[\"2026-03-02T00:00:00Z\"]");
      String item = "{\"kind\":\"nps\",\"score\":9,\"timestamp\":\"2026-03-02T00:10:00Z\"}";
      assertThat(s.postJson("/api/v1/feedback", item).status()).isEqualTo(200);
      JsonNode frame = s.postJson("/grafana/query", "{\"range\":{\"from\":\"2026-03-02T00:00:00Z\","
          + "\"to\":\"2026-03-02T01:00:00Z\"},\"intervalMs\":3600000,\"targets\":[{\"refId\":\"A\","
          + "\"target\":\"feedback.nps\"}]}").json().get(0);
      JsonNode steps = frame.path("fields").get(1).path("config").path("thresholds").path("steps");
      assertThat(steps.get(1).path("value").asDouble()).as("threshold at the overriding benchmark").isEqualTo(30);
    }
  }
}
