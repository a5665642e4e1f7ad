package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short burst far above capacity: only 200s and fast 503/429s with Retry-After, no timeout, no other status, and
 * the probe's latency back to its baseline afterwards. {@code uxlens bench overload} runs a longer one.
 */
class OverloadBenchTest {
  @TempDir Path dir;

  @Test
  void aBurstIsTurnedAwayFastAndLatencyComesBack() throws Exception {
    OverloadBench.Result r = new OverloadBench(48, Duration.ofSeconds(4), Duration.ofSeconds(2), System.out).run(dir);
    System.out.println("overload: " + r);
    assertThat(r.statuses().keySet()).as("only accepted or refused with 503/429").isSubsetOf(200, 429, 503);
    assertThat(r.statuses().get(503)).as("the burst was above capacity").isPositive();
    assertThat(r.acceptedEvents()).as("and some of it was taken").isPositive();
    assertThat(r.refusedWithoutRetryAfter()).isZero();
    assertThat(r.timeouts()).isZero();
    assertThat(r.ioErrors()).isZero();
    // a refusal still waits for the client to upload its body (HTTP/1.1), on a machine the burst keeps busy
    assertThat(r.refusals().p50Ms()).as("refusals are fast: no wait for the writer").isLessThan(3_000);
    // p90, not p99: of 70-odd probes p99 is the slowest one, and a single pause (GC, an fsync) on a busy 2-core CI
    // machine failed this once (after 326 ms against a before of 29 ms) while every other probe was back
    assertThat(r.after().p90Ms()).as("latency comes back after the burst")
        .isLessThan(Math.max(3 * r.before().p90Ms(), r.before().p90Ms() + 100));
    assertThat(r.probeDuring().p50Ms()).as("control: the burst did slow the probe")
        .isGreaterThan(r.after().p90Ms());
  }
}
