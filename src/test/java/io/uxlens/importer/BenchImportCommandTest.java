package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end and reports both rates; the figures themselves come only from running it for real. */
class BenchImportCommandTest {
  @TempDir
  Path dir;

  @Test
  void reportsBothRatesAndTheirRatio() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = Main.run("bench", "import", "--events", "3000", "--gzip", "--dir", dir.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String printed = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("events                        3,000 (archive ").contains(", gzip)")
        .containsPattern("baseline: bench ingest HTTP +[\\d,]+ events/s")
        .containsPattern("uxlens import +[\\d,]+ events/s  \\(\\d+\\.\\d\\d x baseline; target >= 0\\.80\\)");
  }
}
