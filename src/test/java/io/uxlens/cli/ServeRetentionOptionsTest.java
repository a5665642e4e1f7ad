package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.testing.ConsoleCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** --retention and --rollup-retention: durations reach the config; bad values exit 2 with one line naming the rule. */
class ServeRetentionOptionsTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void durationsReachTheConfigAndTheirAbsenceKeepsEverything() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--retention", "90d");
    assertThat(serve.config().retention().raw()).isEqualTo(Duration.ofDays(90));
    assertThat(serve.config().retention().rawText()).isEqualTo("90d");
    assertThat(serve.config().retention().rollups()).isNull(); // rollups kept unless asked
    ServeCommand both = new ServeCommand();
    new CommandLine(both).parseArgs("--retention", "12h", "--rollup-retention", "2w");
    assertThat(both.config().retention().rollups()).isEqualTo(Duration.ofDays(14));
    ServeCommand none = new ServeCommand();
    new CommandLine(none).parseArgs();
    assertThat(none.config().retention()).isEqualTo(RetentionPolicy.KEEP_ALL);
  }

  @Test
  void aValueThatIsNotADurationExitsTwoNamingTheOption() {
    assertThat(Main.run("serve", "--retention", "90")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --retention must be a duration such as 90d, 12h or 2w; got '90'");
  }

  @Test
  void aRollupRetentionShorterThanTheRawOneExitsTwo() {
    assertThat(Main.run("serve", "--retention", "90d", "--rollup-retention", "30d")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --rollup-retention (30d) must be at least --retention (90d): rollups "
        + "are what remains of raw data once it is dropped");
  }
}
