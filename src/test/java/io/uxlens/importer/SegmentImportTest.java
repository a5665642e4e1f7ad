package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentImportTest {
  @TempDir
  Path dir;

  @Test
  void gzipArchiveWithBadLinesKeepsTheGoodOnesAndWritesTheBadOnesBack() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(ImportRun.segmentLine(i, "2026-03-0" + (1 + i % 5) + "T10:00:00.000Z"));
    }
    lines.add(5, "{\"type\":\"track\",\"messageId\":\"broken\",\"userId\":");       // line 6: malformed
    lines.add(8, "{\"type\":\"track\",\"messageId\":\"nouser\",\"event\":\"X\"}");   // line 9: no user
    lines.add("{\"type\":\"track\",\"userId\":\"u-no-id\",\"event\":\"Import Completed\","
        + "\"timestamp\":\"2026-03-06T10:00:00Z\"}");                                  // line 13: no messageId
    Path archive = ImportRun.writeGzip(dir.resolve("2026-03.json.gz"), lines);
    try (TestServer server = TestServer.start(dir)) {
      String url = server.uri("/").toString();
      ImportRun first = ImportRun.of("--url", url, "--rejects-dir", dir.toString(), "--checkpoint",
          dir.resolve("cp.json").toString(), "--progress", "off", archive.toString());
      assertThat(first.code()).as(first.err()).isEqualTo(1);
      assertThat(first.err())
          .contains("2026-03.json.gz:6: body: invalid JSON")
          .contains("2026-03.json.gz:9: userId: userId or anonymousId is required");
      assertThat(first.out()).contains("accepted 11, duplicates 0 (already stored), rejected 2");
      assertThat(server.count("events")).isEqualTo(11);
      // history keeps its own dates: the archived timestamp, not the import time
      assertThat(server.get("/api/v1/status").json().path("newestEventTime").asText())
          .isEqualTo("2026-03-06T10:00:00Z");
      Path rejects = dir.resolve("2026-03.rejects.json");
      assertThat(Files.readAllLines(rejects)).containsExactly(lines.get(5), lines.get(8));
      assertThat(Files.exists(dir.resolve("cp.json"))).as("checkpoint removed once complete").isFalse();

      // a re-run counts nothing twice, the line without messageId included (stable content hash)
      ImportRun again = ImportRun.of("--url", url, "--rejects-dir", dir.toString(), "--checkpoint",
          dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0", archive.toString());
      assertThat(again.out()).contains("accepted 0, duplicates 11 (already stored), rejected 2");
      assertThat(server.count("events")).isEqualTo(11);

      // fix the rejects file and import it: now everything is in, exit 0
      Files.writeString(rejects, ImportRun.segmentLine(100, "2026-03-02T11:00:00Z") + "\n"
          + ImportRun.segmentLine(101, "2026-03-02T11:00:01Z") + "\n");
      ImportRun fixed = ImportRun.of("--url", url, "--rejects-dir", dir.resolve("r2").toString(), "--checkpoint",
          dir.resolve("cp.json").toString(), "--progress", "off", rejects.toString());
      assertThat(fixed.code()).as(fixed.err()).isZero();
      assertThat(server.count("events")).isEqualTo(13);
      assertThat(fixed.out()).contains("journeys include the imported history");
    }
  }
}
