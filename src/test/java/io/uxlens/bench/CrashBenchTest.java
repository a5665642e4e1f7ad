package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SIGKILL cycles of a real {@code uxlens serve} process under Segment, OTLP and feedback load: every acknowledged
 * record stored once, nothing else stored, and the attempts equal a clean rebuild. {@code uxlens bench crash --cycles
 * 10} runs more.
 */
class CrashBenchTest {
  @TempDir Path dir;

  @Test
  void killNineUnderLoadLosesAndDuplicatesNothing() throws Exception {
    CrashBench.Result r = new CrashBench(2, 42, Duration.ofMillis(1_000), Duration.ofMillis(2_500), System.out)
        .run(dir);
    System.out.println("crash: " + r);
    assertThat(r.acknowledged().get("events")).as("the clients got work through between kills").isPositive();
    assertThat(r.acknowledged().get("spans")).isPositive();
    assertThat(r.acknowledged().get("feedback")).isPositive();
    assertThat(r.missing()).isZero();
    assertThat(r.duplicates()).isZero();
    assertThat(r.unexpected()).isZero();
    assertThat(r.stored()).isEqualTo(r.acknowledged());
    assertThat(r.attempts()).as("journeys were built").isPositive();
    assertThat(r.attemptsDiffering()).as("attempts equal a clean rebuild").isZero();
  }
}
