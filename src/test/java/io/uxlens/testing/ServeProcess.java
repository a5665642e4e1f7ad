package io.uxlens.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code uxlens serve} in a JVM of its own (the test classpath), configured by UXLENS_* environment variables, its
 * output in {@code log}: what a kill -9 or a second instance needs. And the Segment batches such tests send.
 */
public final class ServeProcess {
  private ServeProcess() {}

  /** Starts serve on {@code db}, on 127.0.0.1 and an ephemeral port (the log says which). */
  public static Process start(String db, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.uxlens.cli.Main", "serve");
    pb.environment().put("UXLENS_DB", db);
    pb.environment().put("UXLENS_PORT", "0");
    pb.environment().put("UXLENS_HOST", "127.0.0.1");
    pb.environment().put("UXLENS_LOG_LEVEL", "INFO");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /** A Segment batch of {@code n} track events with messageIds {@code prefix-0 .. prefix-(n-1)}. */
  public static String batch(String prefix, int n) {
    StringBuilder sb = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u").append(i % 7)
          .append("\",\"messageId\":\"").append(prefix).append('-').append(i)
          .append("\",\"event\":\"Import Started\",\"properties\":{\"session_id\":\"s").append(i % 13)
          .append("\"}}");
    }
    return sb.append("]}").toString();
  }
}
