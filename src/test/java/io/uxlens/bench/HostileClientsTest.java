package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip bombs are refused with 413 without being inflated whole (the answer comes faster than inflating the bomb
 * takes here); clients trickling headers or a body are cut off within seconds while a normal client is still served.
 */
class HostileClientsTest {
  @TempDir Path dir;

  @Test
  void gzipBombsAreRefusedWithoutInflatingThemWhole() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      List<HostileClients.Bomb> bombs = HostileClients.gzipBombs(server.server().uri());
      for (HostileClients.Bomb b : bombs) {
        System.out.printf("bomb %s: %d bytes on the wire, %d inflated: %d in %.0f ms (inflating it whole: %.0f ms)%n",
            b.path(), b.wireBytes(), b.inflatedBytes(), b.status(), b.answerMs(), b.inflateWholeMs());
        assertThat(b.status()).as(b.path() + ": " + b.answer()).isEqualTo(413);
        assertThat(b.answer()).contains("\"field\":\"body\"").contains("limit of");
        assertThat(b.wireBytes()).isLessThan(b.inflatedBytes() / 100);
      }
      assertThat(server.get("/healthz").status()).isEqualTo(200);
    }
  }

  @Test
  void tricklingClientsAreCutOffAndOthersStillServed() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      for (boolean headers : new boolean[] {true, false}) {
        HostileClients.Trickle t = HostileClients.trickle(server.server().uri(), 20, headers, Duration.ofSeconds(40));
        System.out.printf("trickled %s: %d of %d cut off, slowest after %.1f s (%s); normal client worst %.0f ms over "
            + "%d requests, %d failed%n", t.what(), t.cutOff(), t.clients(), t.slowestCutOffSeconds(), t.answers(),
            t.normalWorstMs(), t.normalRequests(), t.normalFailures());
        assertThat(t.cutOff()).as(t.what()).isEqualTo(t.clients());
        assertThat(t.slowestCutOffSeconds()).as(t.what()).isLessThan(15);
        assertThat(t.normalFailures()).isZero();
        assertThat(t.normalRequests()).isPositive();
        assertThat(t.normalWorstMs()).isLessThan(2_000);
      }
    }
  }
}
