package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.ConsoleCapture;
import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code uxlens serve --experiments FILE} (or UXLENS_EXPERIMENTS): a file that cannot be used is refused before
 * the store opens, in one line naming the file, the path inside it and the rule, with exit code 2.
 */
class ServeExperimentsOptionTest {
  static final String GOOD = """
      experiments:
        - id: progress-bar
          journey: inventory-import
          metric: abandonment_rate
          control: A
          variants: [{id: A}, {id: B}]
      """;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  @TempDir Path dir;


  private int serve(Path file) {
    return Main.run("serve", "--port", "0", "--host", "127.0.0.1", "--db", dir.resolve("x.db").toString(),
        "--experiments", file.toString());
  }


  @Test
  void aBadRuleIsRefusedWithFilePathAndRule() throws Exception {
    Path f = Files.writeString(dir.resolve("bad-control.yml"), GOOD.replace("control: A", "control: Z"));
    assertThat(serve(f)).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: " + f + ": experiments[0].control: control 'Z' must be one of the"
        + " variants [A, B]");
    assertThat(dir.resolve("x.db")).doesNotExist(); // refused before the store was opened
  }

  @Test
  void anUndefinedJourneyIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("journey.yml"), GOOD + GOOD.replace("experiments:\n", "")
        .replace("progress-bar", "other").replace("inventory-import", "imports"));
    assertThat(serve(f)).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").isEqualTo("uxlens: " + f + ": experiments[1].journey: unknown journey"
        + " 'imports' (known: onboarding, inventory-import, checkout, account-opening)");
  }

  @Test
  void brokenYamlAndMissingFilesAreOneLineToo() throws Exception {
    Path f = Files.writeString(dir.resolve("broken.yml"), "experiments: [\n  - id: {\n");
    assertThat(serve(f)).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: " + f + ": not valid YAML");
    console.reset();
    assertThat(serve(dir.resolve("missing.yml"))).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --experiments: cannot read " + dir.resolve("missing.yml"));
  }

  @Test
  void theOptionReachesTheServer() throws Exception {
    Path f = Files.writeString(dir.resolve("good.yml"), GOOD);
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--experiments", f.toString(), "--db", dir.resolve("y.db").toString());
    assertThat(cmd.config().experiments()).isEqualTo(f);
    ServeCommand none = new ServeCommand();
    new CommandLine(none).parseArgs();
    assertThat(none.config().experiments()).isNull(); // default: nothing declared (UXLENS_EXPERIMENTS unset)
    try (TestServer s = TestServer.start(dir, c -> c.withExperiments(cmd.config().experiments()))) {
      String body = s.postJson("/grafana/variable", "{\"payload\":\"{\\\"target\\\":\\\"experiments\\\"}\"}").text();
      assertThat(body).contains("progress-bar");
    }
  }
}
