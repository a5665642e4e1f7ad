package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import io.uxlens.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything acknowledged survives a restart, and survives kill -9 of the serving process. */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedEventsSurviveGracefulRestart() throws Exception {
    try (TestServer first = TestServer.start(dir)) {
      for (int i = 0; i < 20; i++) {
        assertThat(first.postJson("/v1/batch", batch("g" + i, 50)).status()).isEqualTo(200);
      }
    }
    try (TestServer second = TestServer.start(dir)) {
      assertThat(second.count("events")).isEqualTo(1000);
      second.postJson("/v1/batch", batch("g0", 50));
      assertThat(second.count("events")).as("a retry after restart is still deduplicated").isEqualTo(1000);
    }
  }

  /**
   * Runs {@code uxlens serve} in its own JVM (configured by UXLENS_* environment variables), posts batches
   * from several threads, SIGKILLs the process mid-stream, and checks that every acknowledged event is stored.
   */
  @Test
  void acknowledgedEventsSurviveKillNine() throws Exception {
    String db = TestStores.db(dir, "killed");
    List<String> acknowledged = new ArrayList<>();
    Path log = dir.resolve("killed.log");
    Process process = startServe(db, log);
    try {
      postUntil(awaitListening(log), acknowledged);
    } finally {
      process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      process.waitFor(10, TimeUnit.SECONDS);
    }
    assertAllStored(db, acknowledged);
  }

  @Test
  void sigtermDrainsAndStopsCleanly() throws Exception {
    String db = TestStores.db(dir, "termed");
    List<String> acknowledged = new ArrayList<>();
    Path log = dir.resolve("termed.log");
    Process process = startServe(db, log);
    postUntil(awaitListening(log), acknowledged);
    process.destroy(); // SIGTERM: the shutdown hook closes the server gracefully
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process exits after SIGTERM").isTrue();
    assertThat(Files.readString(log))
        .contains("UX Lens stopped: requests drained, writes committed, store closed");
    assertAllStored(db, acknowledged);
  }

  private static Process startServe(String db, Path log) throws Exception {
    return io.uxlens.testing.ServeProcess.start(db, log);
  }

  /** Posts batches for three seconds, noting which were acknowledged, and leaves one in flight. */
  private static void postUntil(URI base, List<String> acknowledged) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    int batches = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < deadline) {
      String prefix = "k" + batches++;
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/v1/batch"))
          .POST(HttpRequest.BodyPublishers.ofString(batch(prefix, 100))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        acknowledged.add(prefix);
      }
    }
    // Fire one more batch and kill while it may be in flight: it must not matter either way.
    client.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/batch"))
        .POST(HttpRequest.BodyPublishers.ofString(batch("inflight", 100))).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private void assertAllStored(String db, List<String> acknowledged) throws Exception {
    assertThat(acknowledged).isNotEmpty();
    try (TestServer after = TestServer.start(dir, c -> new ServerConfig("127.0.0.1", 0, db, null,
        null, null, null, null, null))) {
      var events = new io.uxlens.testing.StoredRecords(after.server().store().jdbi());
      for (String prefix : acknowledged) {
        for (int i = 0; i < 100; i++) {
          assertThat(events.event(prefix + "-" + i)).as("acknowledged event %s-%d", prefix, i).isPresent();
        }
      }
      assertThat(after.count("events")).isGreaterThanOrEqualTo(acknowledged.size() * 100L);
    }
  }

  /** Waits for the child's "listening on" log line and returns its address. */
  private static URI awaitListening(Path log) throws Exception {
    Pattern listening = Pattern.compile("listening on (http://\\S+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = listening.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server did not start:\n" + Files.readString(log));
  }

  static String batch(String prefix, int n) {
    return io.uxlens.testing.ServeProcess.batch(prefix, n);
  }
}
