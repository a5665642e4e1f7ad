package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.ConsoleCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code uxlens bench import} on a small archive: both rates and their ratio are printed; bad options exit 2. */
class BenchImportCommandTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void reportsBothRatesAndTheirRatio() {
    int code = Main.run("bench", "import", "--events", "3000", "--gzip", "--dir", dir.toString());
    String printed = console.out();
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("events                        3,000 (archive ").contains(", gzip)")
        .containsPattern("baseline: bench ingest HTTP +[\\d,]+ events/s")
        .containsPattern("uxlens import +[\\d,]+ events/s  \\(\\d+\\.\\d\\d x baseline; target >= 0\\.80\\)");
  }

  @Test
  void badOptionsExitTwo() {
    assertThat(Main.run("bench", "import", "--events", "0")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --events must be positive and --parallel between 1 and 64");
  }
}
