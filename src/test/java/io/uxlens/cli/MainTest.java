package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage errors exit 2 with a one-line reason; help lists the commands. */
class MainTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();


  @Test
  void helpListsServe() {
    assertThat(Main.run("--help")).isZero();
    assertThat(console.out()).contains("serve");
  }

  @Test
  void badOptionValueExitsTwoWithOneLine() {
    assertThat(Main.run("serve", "--port", "eighty")).isEqualTo(2);
    String text = console.err();
    assertThat(text).doesNotContain("\n").contains("'eighty' is not an int").contains("uxlens serve --help");
  }

  @Test
  void unknownOptionAndOutOfRangePortExitTwo() {
    assertThat(Main.run("serve", "--colour")).isEqualTo(2);
    assertThat(console.err()).contains("Unknown option: '--colour'");
    console.reset();
    assertThat(Main.run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("uxlens: --port must be between 0 and 65535, got 70000");
  }

  @Test
  void unreadableJourneysFileExitsTwo() {
    assertThat(Main.run("serve", "--journeys", "/no/such/journeys.yml")).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("uxlens: --journeys: cannot read /no/such/journeys.yml");
  }

  @Test
  void aQueryTimeoutWithoutAUnitExitsTwo() {
    assertThat(Main.run("serve", "--query-timeout", "25")).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("uxlens: --query-timeout must be a duration such as 25s, 500ms or 1m; got '25'");
  }
}
