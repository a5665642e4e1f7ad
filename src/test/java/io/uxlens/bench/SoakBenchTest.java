package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak (three 4-second windows after a 3-second capacity probe): ingest and queries answered in every window
 * without errors, with the figures the command prints. {@code uxlens bench soak --minutes 10} is the real run, and its
 * exit code says whether latency and memory stayed flat.
 */
class SoakBenchTest {
  @TempDir Path dir;

  @Test
  void aShortSoakAnswersEveryWindowWithoutErrors() throws Exception {
    SoakBench.Result r = new SoakBench(3, Duration.ofSeconds(4), Duration.ofSeconds(3), System.out).run(dir);
    assertThat(r.capacityEventsPerSecond()).isPositive();
    assertThat(r.windows()).hasSize(3).allSatisfy(w -> {
      assertThat(w.ingestAnswers()).isPositive();
      assertThat(w.queryAnswers()).isPositive();
      assertThat(w.errors()).isZero();
      assertThat(w.heapAfterGcMb()).isPositive();
      // import sessions at half the capacity: journeys keep up within seconds
      assertThat(w.sessionizerLagSeconds()).isBetween(0.0, 30.0);
    });
    // events wait for the sessionizer's next run (at most one a second), so some sample saw it behind: the lag is read
    assertThat(r.windows()).anySatisfy(w -> assertThat(w.sessionizerLagSeconds()).isPositive());
  }
}
