package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.Refusal;
import io.uxlens.model.Span;
import io.uxlens.store.RecordBatch;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboard queries have a deadline and a bound: past {@code --query-timeout} a query is answered 503 naming its
 * metric and interrupted; beyond the bound, new queries get a fast 503 with Retry-After instead of queueing behind
 * slow ones.
 */
class QueryDeadlineTest {
  @TempDir Path dir;
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Test
  void aQueryPastItsDeadlineIsA503NamingItAndIsInterrupted() throws Exception {
    try (QueryGate gate = new QueryGate(2, 0, Duration.ofMillis(100))) {
      AtomicBoolean interrupted = new AtomicBoolean();
      CountDownLatch stopped = new CountDownLatch(1);
      assertThatThrownBy(() -> gate.run("journey.kpis", () -> {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          interrupted.set(true);
        } finally {
          stopped.countDown();
        }
        return null;
      }, () -> false)).isInstanceOfSatisfying(Refusal.class, r -> {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.rule()).contains("journey.kpis", "100 ms", "--query-timeout");
        assertThat(r.headers()).containsKey("Retry-After");
      });
      assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interrupted).isTrue();
      assertThat(gate.run("journey.attempts", () -> 7, () -> false)).as("a quick query still answers")
          .isEqualTo(7);
    }
  }

  @Test
  void queriesBeyondTheBoundAreRefusedAtOnceUntilASlotFrees() throws Exception {
    try (QueryGate gate = new QueryGate(1, 1, Duration.ofSeconds(10))) {
      CountDownLatch release = new CountDownLatch(1);
      List<Thread> holders = new ArrayList<>();
      for (int i = 0; i < 2; i++) { // one running, one waiting: the bound of 2
        Thread t = new Thread(() -> gate.run("slow", () -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 1;
        }, () -> false));
        t.start();
        holders.add(t);
      }
      Thread.sleep(200);
      long start = System.nanoTime();
      assertThatThrownBy(() -> gate.run("perf.latency", () -> 1, () -> false))
          .isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.rule()).contains("2 queries are already running or waiting", "perf.latency");
          });
      assertThat(System.nanoTime() - start).as("refused without waiting").isLessThan(1_000_000_000L);
      release.countDown();
      for (Thread t : holders) {
        t.join(10_000);
      }
      assertThat(gate.run("perf.latency", () -> 2, () -> false)).as("control: a slot is free again").isEqualTo(2);
    }
  }

  /** Over HTTP: the same heavy query answers with the default deadline and is a 503 naming it with a tiny one. */
  @Test
  void theServerAnswersA503NamingTheMetricWhenTheQueryTimeoutPasses() throws Exception {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      spans.add(new Span(HexFormat.of().formatHex(new byte[] {(byte) (i >> 16), (byte) (i >> 8), (byte) i, 1, 2, 3,
          4, 5, 6, 7, 8, 9, 10, 11, 12, 13}), String.format("%016x", i + 1), null, "s" + (i % 500), "api",
          "GET /item/" + (i % 40), "server", T0 + i * 60L, 5 + i % 90, "ok", 200, null, "{}"));
    }
    String path = "/api/v1/rows/perf.latency?from=" + T0 + "&to=" + (T0 + 3_600_000L)
        + "&interval=60000&quantile=p95&group_by=span.name";
    try (TestServer normal = TestServer.start(java.nio.file.Files.createDirectories(dir.resolve("normal")))) {
      RecordBatch.EMPTY.withSpans(spans).writeWith(normal.server().writer()).get(60, TimeUnit.SECONDS);
      TestServer.Response ok = normal.get(path);
      assertThat(ok.status()).as(ok.text()).isEqualTo(200);
      assertThat(ok.json().path("rows").size()).isGreaterThan(40);
    }
    try (TestServer hurried = TestServer.start(java.nio.file.Files.createDirectories(dir.resolve("hurried")),
        c -> c.withQueryTimeout(Duration.ofMillis(1)))) {
      RecordBatch.EMPTY.withSpans(spans).writeWith(hurried.server().writer()).get(60, TimeUnit.SECONDS);
      TestServer.Response late = hurried.get(path);
      assertThat(late.status()).as(late.text()).isEqualTo(503);
      assertThat(late.json().path("error").asText()).contains("perf.latency", "1 ms", "--query-timeout");
      assertThat(late.header("Retry-After")).isNotNull();
    }
  }
}
