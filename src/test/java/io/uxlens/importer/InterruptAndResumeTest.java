package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100k events, a real Ctrl-C (SIGINT to a separate JVM running the CLI) part-way, then --resume: the server ends with
 * exactly 100k events, and the two runs' accepted counts add up to 100k (nothing lost, nothing counted twice).
 */
class InterruptAndResumeTest {
  private static final int EVENTS = 200_000; // ingest takes ~100k events in 2-3 s here: room to interrupt it
  private static final Pattern COUNTS = Pattern.compile("accepted ([\\d,]+), duplicates ([\\d,]+)");

  @TempDir
  Path dir;

  @Test
  void ctrlCStopsAfterTheBatchesInFlightAndResumeFinishesWithNothingTwice() throws Exception {
    Path file = dir.resolve("big.json"); // about 66 MB, more than the child JVM's whole heap
    long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < EVENTS; i++) {
        w.write(ImportRun.segmentLine(i, Instant.ofEpochMilli(start + i * 1000L).toString()));
        w.write('\n');
      }
    }
    Path checkpoint = dir.resolve("cp.json");
    try (TestServer server = TestServer.start(dir)) {
      // a heap smaller than the file: the import must stream it
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx48m", "-cp", System.getProperty("java.class.path"), "io.uxlens.cli.Main", "import",
          "--url", server.uri("/").toString(), "--parallel", "2", "--rejects-dir", dir.toString(),
          "--checkpoint", checkpoint.toString(), "--progress", "plain", file.toString()));
      Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
          .redirectError(dir.resolve("err.txt").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.count("events") < 10_000 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("still importing when interrupted").isTrue();
      new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start().waitFor(); // Ctrl-C
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve("out.txt"));
      assertThat(out).as(Files.readString(dir.resolve("err.txt"))).contains("stopped before the end: interrupted")
          .contains("to continue:").contains("uxlens import --resume --url");
      assertThat(checkpoint).exists();
      assertThat(Files.readString(dir.resolve("err.txt"))).as("plain progress lines when not a terminal")
          .containsPattern("import +\\d+% .* rec/s ok [\\d,]+ dup [\\d,]+ rej [\\d,]+");
      long firstAccepted = counts(out)[0];
      long stored = server.count("events");
      assertThat(firstAccepted).isEqualTo(stored).isBetween(10_000L, EVENTS - 1L);

      ImportRun resumed = ImportRun.of("--url", server.uri("/").toString(), "--parallel", "2", "--rejects-dir",
          dir.toString(), "--checkpoint", checkpoint.toString(), "--progress", "off", "--wait-journeys", "0",
          "--resume", file.toString());
      assertThat(resumed.code()).as(resumed.err()).isZero();
      assertThat(resumed.out()).contains("skipped as already acknowledged");
      long[] second = counts(resumed.out());
      assertThat(server.count("events")).isEqualTo(EVENTS);
      assertThat(firstAccepted + second[0]).isEqualTo(EVENTS);
      assertThat(second[1]).as("only batches answered out of order before the stop are sent again")
          .isLessThan(10_000);
      assertThat(checkpoint).doesNotExist();
    }
  }

  private static long[] counts(String out) {
    Matcher m = COUNTS.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return new long[] {Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))};
  }
}
