package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of {@code uxlens bench feedback}: both sizes built, every query checked equal and timed both ways. */
class FeedbackBenchTest {
  @TempDir Path dir;

  @Test
  void timesEveryFeedbackSeriesBothWaysAtBothSizes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, FeedbackBench.Timing> timings = new FeedbackBench(1, new PrintStream(bytes, true,
        StandardCharsets.UTF_8)).run(dir, 400, 3);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("== 40 feedback items over 3 days").contains("== 400 feedback items over 3 days")
        .contains("growth of p95 for 10x the items (400 vs 40)");
    // 2 ranges x 5 metrics x (no group_by, group_by kind)
    assertThat(timings).hasSize(20).containsKeys("7d feedback.volume", "30d feedback.sentiment {group_by=kind}");
    assertThat(timings.values()).allSatisfy(t -> assertThat(t.rowsP95()).isPositive());
    assertThat(timings.values()).allSatisfy(t -> assertThat(t.rollupsP95()).isPositive());
  }
}
