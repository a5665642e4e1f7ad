package io.uxlens.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code uxlens serve} processes of this same Java and class path (the jar, or the build's classes), each in its
 * own JVM, on one database: what an operator runs behind a balancer.
 */
final class ServeProcesses implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final List<Process> processes = new ArrayList<>();
  private final List<URI> uris = new ArrayList<>();

  /** Starts {@code n} instances on {@code db}, logs in {@code dir}, and waits (60 s at most) until each listens. */
  static ServeProcesses start(int n, String db, Path dir, String heap) throws Exception {
    ServeProcesses s = new ServeProcesses();
    List<Path> logs = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Path log = dir.resolve("serve-" + i + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "io.uxlens.cli.Main", "serve");
        pb.environment().put("UXLENS_DB", db);
        pb.environment().put("UXLENS_PORT", "0");
        pb.environment().put("UXLENS_HOST", "127.0.0.1");
        pb.environment().put("UXLENS_LOG_LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        s.processes.add(pb.start());
        logs.add(log);
      }
      for (int i = 0; i < n; i++) {
        s.uris.add(awaitListening(s.processes.get(i), logs.get(i)));
      }
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  List<URI> uris() {
    return uris;
  }

  private static URI awaitListening(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("a serve process did not start; its log:\n" + Files.readString(log));
  }

  /** SIGTERM, so each finishes what it acknowledged; then waits. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
