package io.uxlens.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Runs Prometheus' promtool (Debian package {@code prometheus}). Without it a test is skipped with the install
 * command, except on CI ({@code CI=true}), where a missing promtool is a failure: CI must install it.
 */
public final class Promtool {
  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /** The promtool on PATH; skips the test (or fails it on CI) when there is none. */
  public static Promtool require() {
    return require(System.getenv("PATH"));
  }

  /** {@link #require()} on a given PATH value. */
  static Promtool require(String pathVariable) {
    Path found = find(pathVariable);
    External.require(found != null, "promtool not found on PATH; install it with "
        + "'apt-get install -y --no-install-recommends prometheus'");
    return new Promtool(found);
  }

  private static Path find(String path) {
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Exit code and combined output of one promtool run. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code promtool args...} in {@code dir}, writing {@code stdin} (may be null) to its input. */
  public Result run(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail("promtool " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
