package io.uxlens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.server.ServerConfig;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.ServeProcess;
import io.uxlens.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server stops under load and comes back: ingest and queries get 503 with Retry-After while it is
 * away (never another 5xx), the service recovers by itself, and every acknowledged event is stored.
 */
class DatabaseRestartTest {
  @TempDir Path dir;

  @Test
  void ingestAndQueriesAnswer503WhileTheDatabaseIsAwayAndRecoverWithNothingLost() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("pgdata");
    EmbeddedPostgres pg = postgres(data, port);
    String db = "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    List<String> retryAfter = new CopyOnWriteArrayList<>();
    List<String> queryRefusals = new CopyOnWriteArrayList<>();
    try (TestServer server = TestServer.start(dir, c -> ServerConfig.local(db))) {
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread client = new Thread(() -> {
        int n = 0;
        while (sending.get()) {
          String prefix = "r" + n++;
          try {
            TestServer.Response r = server.postJson("/v1/batch", ServeProcess.batch(prefix, 20));
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 200) {
              acknowledged.add(prefix);
            } else {
              r.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
            }
            TestServer.Response q = server.get("/api/v1/rows/journey.completion_rate?from=1767225600000"
                + "&to=1767229200000");
            statuses.merge(q.status(), 1, Integer::sum);
            if (q.status() == 503) {
              queryRefusals.add(q.headers().firstValue("Retry-After").orElse(""));
            }
          } catch (Exception e) {
            statuses.merge(-1, 1, Integer::sum);
          }
        }
      });
      client.start();
      Thread.sleep(1_500);
      pg.close(); // a fast shutdown: every session is cut
      Thread.sleep(4_000);
      int ackedBeforeRestart = acknowledged.size();
      pg = postgres(data, port);
      long deadline = System.currentTimeMillis() + 30_000;
      while (acknowledged.size() <= ackedBeforeRestart + 5 && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      sending.set(false);
      client.join(30_000);

      assertThat(statuses).as("answers while the database went away and came back: %s", statuses)
          .containsKey(503).containsKey(200).containsOnlyKeys(200, 503);
      assertThat(retryAfter).as("every 503 to ingest says when to retry").isNotEmpty().allMatch(v -> !v.isBlank());
      assertThat(queryRefusals).as("queries too answered 503 with Retry-After while it was away")
          .isNotEmpty().allMatch(v -> !v.isBlank());
      assertThat(acknowledged.size()).as("ingest recovered by itself").isGreaterThan(ackedBeforeRestart + 5);
      StoredRecords stored = new StoredRecords(server.server().store().jdbi());
      for (String prefix : acknowledged) {
        for (int i = 0; i < 20; i++) {
          assertThat(stored.event(prefix + "-" + i)).as("acknowledged %s-%d", prefix, i).isPresent();
        }
      }
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres postgres(Path data, int port) throws java.io.IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1").start();
  }
}
