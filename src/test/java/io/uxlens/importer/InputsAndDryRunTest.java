package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsAndDryRunTest {
  @TempDir
  Path dir;

  private List<String> lines(int from, int count) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(ImportRun.segmentLine(i, "2026-03-01T10:00:00Z"));
    }
    return out;
  }

  private String[] args(TestServer server, String... files) {
    List<String> a = new ArrayList<>(List.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(),
        "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0"));
    a.addAll(List.of(files));
    return a.toArray(String[]::new);
  }

  @Test
  void directoriesGlobsAndStandardInput() throws Exception {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive.resolve("2026-03-01"));
    ImportRun.writeGzip(archive.resolve("2026-03-01/part-0.json.gz"), lines(0, 10));
    ImportRun.write(archive.resolve("2026-03-01/part-1.json"), lines(10, 10));
    ImportRun.write(dir.resolve("extra-a.json"), lines(20, 5));
    ImportRun.write(dir.resolve("extra-b.json"), lines(25, 5));
    try (TestServer server = TestServer.start(dir)) {
      ImportRun folder = ImportRun.of(args(server, archive.toString()));
      assertThat(folder.code()).as(folder.err()).isZero();
      assertThat(server.count("events")).isEqualTo(20);

      ImportRun glob = ImportRun.of(args(server, dir + "/extra-*.json"));
      assertThat(glob.code()).as(glob.err()).isZero();
      assertThat(glob.out()).contains("imported 10 records");
      assertThat(server.count("events")).isEqualTo(30);

      byte[] piped = (String.join("\n", lines(30, 7)) + "\n{oops\n").getBytes(StandardCharsets.UTF_8);
      ImportRun stdin = ImportRun.withStdin(new ByteArrayInputStream(piped), args(server, "-"));
      assertThat(stdin.code()).isEqualTo(1);
      assertThat(stdin.err()).contains("-:8: body: invalid JSON");
      assertThat(Files.readAllLines(dir.resolve("stdin.rejects.ndjson"))).containsExactly("{oops");
      assertThat(server.count("events")).isEqualTo(37);

      ImportRun missing = ImportRun.of(args(server, dir.resolve("nope.json").toString()));
      assertThat(missing.code()).isEqualTo(2);
      assertThat(missing.err()).contains("nope.json: no such file or directory");
      ImportRun noMatch = ImportRun.of(args(server, dir + "/none-*.json"));
      assertThat(noMatch.code()).isEqualTo(2);
      assertThat(noMatch.err()).contains("matches no files");
    }
  }

  @Test
  void dryRunReportsTheSameErrorsAsARealImportAndSendsNothing() throws Exception {
    List<String> content = lines(0, 5);
    content.add("{\"type\":\"track\",\"messageId\":\"x\",\"event\":\"No User\"}");
    content.add("{\"type\":\"track\",\"messageId\":\"y\",\"userId\":\"u\",\"event\":\"Bad Time\",\"timestamp\":\"soon\"}");
    content.add("not json");
    Path file = ImportRun.write(dir.resolve("events.json"), content);
    try (TestServer server = TestServer.start(dir)) {
      ImportRun dry = ImportRun.of(args(server, "--dry-run", file.toString()));
      assertThat(dry.code()).isEqualTo(1);
      assertThat(dry.out()).contains("valid 5, rejected 3 (nothing was sent)");
      assertThat(server.count("events")).isZero();
      assertThat(dir.resolve("cp.json")).doesNotExist();

      ImportRun real = ImportRun.of(args(server, file.toString()));
      assertThat(real.code()).isEqualTo(1);
      assertThat(server.count("events")).isEqualTo(5);
      List<String> dryErrors = dry.err().lines().filter(l -> l.startsWith(file.toString())).toList();
      List<String> realErrors = real.err().lines().filter(l -> l.startsWith(file.toString())).toList();
      assertThat(dryErrors).hasSize(3).isEqualTo(realErrors);
      assertThat(dryErrors.get(1)).isEqualTo(file + ":7: timestamp: timestamp must be an ISO-8601 date-time with "
          + "an offset, e.g. 2026-05-01T10:00:00Z; got 'soon'");
    }
  }

  @Test
  void formatIsDetectedFromContent() {
    assertThat(Format.detect("{\"resourceSpans\":[]}")).isEqualTo(Format.OTLP);
    assertThat(Format.detect("{\"event_type\":\"x\",\"event_time\":\"2026-01-01 00:00:00.000000\"}"))
        .isEqualTo(Format.AMPLITUDE);
    assertThat(Format.detect("{\"event\":\"x\",\"properties\":{\"time\":1,\"distinct_id\":\"u\"}}"))
        .isEqualTo(Format.MIXPANEL);
    assertThat(Format.detect("{\"type\":\"track\",\"event\":\"x\",\"properties\":{\"time\":1}}"))
        .isEqualTo(Format.SEGMENT);
    assertThat(Format.detect("Rating,Comment,Date")).isEqualTo(Format.FEEDBACK_CSV);
    assertThat(Format.detect("{\"something\":\"else\"}")).isNull();
  }
}
