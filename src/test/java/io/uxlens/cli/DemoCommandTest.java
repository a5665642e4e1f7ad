package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo command's options and its refusals (running it for real is DemoIngestTest's and the live test's job). */
class DemoCommandTest {
  @Test
  void optionsAreThoseTheIssueAndTheComposeFileUse() {
    CommandLine demo = new CommandLine(new Main()).getSubcommands().get("demo");
    for (String option : new String[] {"--days", "--seed", "--live", "--port", "--db", "--reset",
        "--live-rate", "--scale", "--host"}) {
      assertThat(demo.getCommandSpec().findOption(option)).as(option).isNotNull();
    }
    DemoCommand cmd = new DemoCommand();
    new CommandLine(cmd).parseArgs("--no-live", "--days", "2");
    assertThat(cmd.live).isFalse();
    assertThat(cmd.days).isEqualTo(2);
    assertThat(cmd.seed).isEqualTo(42);
    DemoCommand defaults = new DemoCommand();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.live).isTrue();
    assertThat(defaults.days).isEqualTo(14);
    assertThat(defaults.db.toString()).isEqualTo("data/demo.db");
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("demo", "--days", "0", "--no-live")).isEqualTo(2);
      assertThat(Main.run("demo", "--live-rate", "-1", "--no-live")).isEqualTo(2);
      assertThat(Main.run("demo", "--port", "70000")).isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--days must be between 1 and 90",
        "--live-rate must be in (0, 1000]", "--port must be between 0 and 65535");
  }
}
