package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiments bench at a tiny size: it builds, checks both paths agree, times them and reuses its store. */
class ExperimentsBenchTest {
  @TempDir Path dir;

  @Test
  void timesBothPathsOnEqualFramesAndReusesTheStore() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    List<ExperimentsBench.Result> first = new ExperimentsBench(300, 3, 3, 2, out).run(dir);
    assertThat(first).extracting(ExperimentsBench.Result::metric)
        .containsExactly("experiment.results", "experiment.lift");
    assertThat(first).allSatisfy(r -> assertThat(r.rawP50()).isPositive());
    new ExperimentsBench(300, 3, 3, 1, out).run(dir);
    String printed = text.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("built ").contains("reusing ").contains("frames equal on both paths");
  }
}
