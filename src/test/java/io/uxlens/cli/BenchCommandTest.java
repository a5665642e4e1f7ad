package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir
  Path dir;

  private String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void reportsAccuracyPerClassAndMajorityBaseline() throws Exception {
    Path file = dir.resolve("labelled.txt");
    // 3 positive, 2 negative; the neutral sentence is labelled positive so VADER misses it (fn)
    Files.writeString(file, String.join("\n",
        "Great phone, I love it.\t1",
        "Works fine and the battery is good.\t1",
        "The box has a cable.\t1",
        "Terrible sound, it broke after a day.\t0",
        "Not good at all.\t0", ""));
    String[] r = run("bench", "sentiment", "--file", file.toString());
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1])
        .contains("sentences            5 (3 positive, 2 negative)")
        .contains("accuracy             0.8000")
        .contains("baseline             0.6000")
        .contains("positive             precision 1.0000  recall 0.6667")
        .contains("negative             precision 0.6667  recall 1.0000")
        .contains("tp 2  fp 0  tn 2  fn 1  (neutral-band answers 1)");
  }

  @Test
  void malformedLineIsAUsageErrorNamingTheLine() throws Exception {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "Fine.\t1\nno label here\n");
    String[] r = run("bench", "sentiment", "--file", file.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("line 2").contains("sentence<TAB>0|1");
    String[] missing = run("bench", "sentiment", "--file", dir.resolve("absent.txt").toString());
    assertThat(missing[0]).isEqualTo("2");
    assertThat(missing[2]).contains("cannot read --file");
  }
}
