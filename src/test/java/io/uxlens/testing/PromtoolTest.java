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

/** The skip-or-fail rule: a missing promtool skips locally and fails on CI. */
class PromtoolTest {
  @TempDir Path dir;

  @Test
  void missingPromtoolSkipsOutsideCi() {
    assertThatThrownBy(() -> Promtool.require(dir.toString(), null))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install");
    assertThatThrownBy(() -> Promtool.require(dir.toString(), "false")).isInstanceOf(TestAbortedException.class);
  }

  @Test
  void missingPromtoolFailsOnCi() {
    assertThatThrownBy(() -> Promtool.require(dir.toString(), "true"))
        .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CI=true");
  }

  @Test
  void anExecutableOnThePathIsUsed() throws Exception {
    Path fake = dir.resolve("promtool");
    Files.writeString(fake, "#!/bin/sh\necho \"args: $*\"\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Promtool.Result r = Promtool.require("/nonexistent:" + dir, "true").run(dir, null, "check", "rules", "x.yml");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output()).isEqualTo("args: check rules x.yml\n");
  }
}
