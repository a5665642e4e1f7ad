package io.uxlens.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool from outside the JVM (Node packages, promtool): on a developer's machine without it the
 * test is skipped with the install hint; under CI (CI=true), where .ci/run installs it, its absence fails.
 */
public final class External {
  private External() {}

  public static void require(boolean present, String whatAndHowToInstall) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI=true but " + whatAndHowToInstall);
    }
    Assumptions.abort(whatAndHowToInstall);
  }
}
