package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryAndRefusalTest {
  @TempDir
  Path dir;

  private Path archive(int events) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      lines.add(ImportRun.segmentLine(i, "2026-03-01T10:00:00Z"));
    }
    return ImportRun.write(dir.resolve("events.json"), lines);
  }

  @Test
  void a503IsRetriedHonouringRetryAfterAndNothingIsLost() throws Exception {
    Path file = archive(300);
    try (TestServer server = TestServer.start(dir);
        FlakyProxy proxy = new FlakyProxy(server.uri("/"), 3, "1")) {
      long start = System.nanoTime();
      ImportRun r = ImportRun.of("--url", proxy.uri().toString(), "--parallel", "1", "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0",
          file.toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(proxy.refused()).isEqualTo(3);
      assertThat(r.err()).contains("retrying in 1000 ms: HTTP 503");
      assertThat(seconds).as("three Retry-After: 1 waits").isGreaterThanOrEqualTo(3.0);
      assertThat(server.count("events")).isEqualTo(300);
    }
  }

  @Test
  void connectionErrorsAreRetriedUntilTheServerIsThere() throws Exception {
    Path file = archive(100);
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // free once closed: nothing listens there until the proxy starts
    }
    try (TestServer server = TestServer.start(dir)) {
      java.util.concurrent.CompletableFuture<ImportRun> run = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> ImportRun.of("--url", "http://127.0.0.1:" + port + "/", "--parallel", "1", "--rejects-dir",
              dir.toString(), "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off",
              "--wait-journeys", "0", file.toString()));
      Thread.sleep(1_500);
      try (FlakyProxy proxy = new FlakyProxy(server.uri("/"), 0, "0", port)) {
        ImportRun r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("retrying in").contains("ConnectException");
        assertThat(server.count("events")).isEqualTo(100);
      }
    }
  }

  @Test
  void aServerThatStaysUnavailableStopsTheImportWithAResumeHint() throws Exception {
    Path file = archive(50);
    try (TestServer server = TestServer.start(dir);
        FlakyProxy proxy = new FlakyProxy(server.uri("/"), 100, "0")) {
      ImportRun r = ImportRun.of("--url", proxy.uri().toString(), "--retries", "2", "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", file.toString());
      assertThat(r.code()).isEqualTo(3);
      assertThat(proxy.requests()).isEqualTo(3);
      assertThat(r.out()).contains("still failing after 3 attempts (HTTP 503)")
          .contains("uxlens import --resume --url " + proxy.uri());
      assertThat(dir.resolve("cp.json")).exists();
    }
  }

  @Test
  void aRefusedWriteKeyIsNotRetriedAndIsAUsageError() throws Exception {
    Path file = archive(20);
    try (TestServer server = TestServer.start(dir, c -> c.withWriteKeys(List.of("right-key")));
        FlakyProxy proxy = new FlakyProxy(server.uri("/"), 0, "0")) {
      ImportRun wrong = ImportRun.of("--url", proxy.uri().toString(), "--write-key", "wrong-key", "--parallel", "1",
          "--rejects-dir", dir.toString(), "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off",
          file.toString());
      assertThat(wrong.code()).isEqualTo(2);
      assertThat(wrong.err()).contains("the server refused the request (401)");
      assertThat(proxy.requests()).as("a 4xx is not retried").isEqualTo(1);
      assertThat(server.count("events")).isZero();
      // control: the right key imports everything
      ImportRun right = ImportRun.of("--url", proxy.uri().toString(), "--write-key", "right-key", "--rejects-dir",
          dir.toString(), "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off",
          "--wait-journeys", "0", file.toString());
      assertThat(right.code()).as(right.err()).isZero();
      assertThat(server.count("events")).isEqualTo(20);
    }
  }
}
