package io.uxlens.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Finding promtool: a missing one skips locally and fails under CI=true (via External). */
class PromtoolTest {
  @TempDir Path dir;

  @Test
  void missingPromtoolSkipsLocallyAndFailsOnCi() {
    Class<? extends Throwable> expected = "true".equalsIgnoreCase(System.getenv("CI"))
        ? AssertionFailedError.class : TestAbortedException.class;
    assertThatThrownBy(() -> Promtool.require(dir.toString()))
        .isInstanceOf(expected).hasMessageContaining("apt-get install -y --no-install-recommends prometheus");
  }

  @Test
  void anExecutableOnThePathIsUsed() throws Exception {
    Path fake = dir.resolve("promtool");
    Files.writeString(fake, "#!/bin/sh\necho \"args: $*\"\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Promtool.Result r = Promtool.require("/nonexistent:" + dir).run(dir, null, "check", "rules", "x.yml");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output()).isEqualTo("args: check rules x.yml\n");
  }
}
