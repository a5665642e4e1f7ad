package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rate-limit 100:200}: each write key has its own bucket; a batch that would overdraw it gets 429 naming the
 * limit with Retry-After and stores nothing; another key is unaffected; the bucket refills with time.
 */
class RateLimitTest {
  @TempDir Path dir;
  private int next;

  @Test
  void eachWriteKeyHasItsOwnLimitAndARefusedBatchStoresNothing() throws Exception {
    try (TestServer server = TestServer.start(dir, c -> c.withWriteKeys(List.of("k1", "k2")),
        Safeguards.NONE.withRateLimit(new RateLimiter.Limit(100, 200)))) {
      assertThat(send(server, "k1", 150).status()).isEqualTo(200);
      TestServer.Response refused = send(server, "k1", 100);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.json().path("field").asText()).isEqualTo("writeKey");
      assertThat(refused.json().path("error").asText()).contains("100 records/s, burst 200");
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
      assertThat(server.count("events")).as("nothing of the refused batch is stored").isEqualTo(150);

      assertThat(send(server, "k2", 200).status()).as("another key has its own bucket").isEqualTo(200);
      assertThat(send(server, "k1", 2500).status()).as("bigger than the burst: waits for a full bucket")
          .isEqualTo(429);
      Thread.sleep(1_100);
      assertThat(send(server, "k1", 100).status()).as("refilled after the Retry-After").isEqualTo(200);
      assertThat(server.count("events")).isEqualTo(450);
    }
  }

  @Test
  void theBucketRefillsAtTheRateAndDebtIsPaidBack() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(10, 20), now::get);
    limiter.take("k", 20);
    assertThat(refused(limiter, 1)).isTrue();
    now.addAndGet(500_000_000L); // half a second: 5 tokens
    limiter.take("k", 5);
    assertThat(refused(limiter, 1)).isTrue();
    now.addAndGet(2_000_000_000L); // full again (capped at the burst)
    limiter.take("k", 50); // larger than the burst: allowed on a full bucket, leaving a debt of 30
    now.addAndGet(2_000_000_000L);
    assertThat(refused(limiter, 1)).as("still paying back the debt").isTrue();
    now.addAndGet(1_100_000_000L);
    limiter.take("k", 1);
  }

  private static boolean refused(RateLimiter limiter, int n) {
    try {
      limiter.take("k", n);
      return false;
    } catch (io.uxlens.Refusal r) {
      return r.status() == 429;
    }
  }

  private TestServer.Response send(TestServer server, String key, int events) throws Exception {
    StringBuilder body = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < events; i++) {
      body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"messageId\":\"m-")
          .append(next++).append("\"}");
    }
    return server.send(HttpRequest.newBuilder(server.uri("/v1/batch")).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":")
            .getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())));
  }
}
