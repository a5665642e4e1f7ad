package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.External;
import io.uxlens.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real @grafana/faro-core 2.12.1 (its API, metas, batching and getTransportBody) sends to /collect under Node.
 * Needs {@code npm ci --prefix src/test/node/faro}: skipped locally without it, failed under CI=true.
 */
class FaroNodeSenderTest {
  static final Path SENDER = Path.of("src/test/node/faro");

  @TempDir Path dir;

  @Test
  void faroCoreUnderNodeIsStoredAndLinkedToItsSession() throws Exception {
    External.require(Files.isDirectory(SENDER.resolve("node_modules/@grafana/faro-core")),
        "@grafana/faro-core is missing: run `npm ci --prefix src/test/node/faro` to send a real Faro payload");
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(), "node-key"))) {
      Process p = new ProcessBuilder("node", "send.mjs", s.uri("/collect").toString(), "node-key")
          .directory(SENDER.toFile()).redirectErrorStream(true).start();
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(done).as("node finished: " + out).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("\"status\":202");
      FaroIngestTest.assertStored(s, "sess-faro-node", "user-node-1");
      assertThat(s.count("measurements")).isEqualTo(4);
    }
  }
}
