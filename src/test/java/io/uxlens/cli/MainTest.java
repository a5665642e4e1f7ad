package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage errors exit 2 with a one-line reason; help lists the commands. */
class MainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  @Test
  void helpListsServe() {
    assertThat(Main.run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve");
  }

  @Test
  void badOptionValueExitsTwoWithOneLine() {
    assertThat(Main.run("serve", "--port", "eighty")).isEqualTo(2);
    String text = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(text).doesNotContain("\n").contains("'eighty' is not an int").contains("uxlens serve --help");
  }

  @Test
  void unknownOptionAndOutOfRangePortExitTwo() {
    assertThat(Main.run("serve", "--colour")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--colour'");
    err.reset();
    assertThat(Main.run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("uxlens: --port must be between 0 and 65535, got 70000");
  }

  @Test
  void unreadableJourneysFileExitsTwo() {
    assertThat(Main.run("serve", "--journeys", "/no/such/journeys.yml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("uxlens: --journeys: cannot read /no/such/journeys.yml");
  }
}
