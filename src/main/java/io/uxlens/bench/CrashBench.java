package io.uxlens.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash safety under load ({@code uxlens bench crash}): {@code uxlens serve} runs in its own JVM while Segment, OTLP
 * and feedback clients send without pause; the process is SIGKILLed at random moments and restarted on the same
 * store. Each client keeps its own log of acknowledged ids and resends an unacknowledged request, same ids, until it is
 * acknowledged. Afterwards the store must hold every acknowledged record exactly once ({@link CrashCheck}), and the
 * sessionizer's attempts must equal a clean rebuild from the stored events.
 */
public final class CrashBench {
  /** Acknowledged and stored records by kind, what went wrong, and the attempts against their rebuild. */
  public record Result(int cycles, Map<String, Long> acknowledged, Map<String, Long> stored, long missing,
                       long duplicates, long unexpected, int attempts, int attemptsRebuilt, int attemptsDiffering,
                       long resends, double seconds) {}

  private final int cycles;
  private final long seed;
  private final Duration minUp;
  private final Duration maxUp;
  private final PrintStream out;

  public CrashBench(int cycles, long seed, Duration minUp, Duration maxUp, PrintStream out) {
    if (cycles < 1 || minUp.isNegative() || maxUp.compareTo(minUp) < 0) {
      throw new IllegalArgumentException("at least one cycle, and 0 <= min uptime <= max uptime");
    }
    this.cycles = cycles;
    this.seed = seed;
    this.minUp = minUp;
    this.maxUp = maxUp;
    this.out = out;
  }

  public Result run(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path db = dir.resolve("crash.db");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + port);
    long start = System.nanoTime();
    ServeProcess serve = new ServeProcess(db, port, dir.resolve("serve.log"));
    serve.start();
    List<CrashClients.Client> clients = CrashClients.all();
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicLong resends = new AtomicLong();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    List<Future<?>> running = new ArrayList<>();
    for (CrashClients.Client c : clients) {
      running.add(pool.submit(() -> {
        c.sendUntilStopped(http, base, stopping, resends);
        return null;
      }));
    }
    Random random = new Random(seed);
    try {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        long upMs = minUp.toMillis() + (long) (random.nextDouble() * (maxUp.toMillis() - minUp.toMillis()));
        Thread.sleep(upMs);
        serve.kill();
        log("cycle %d: SIGKILL after %d ms up; %s acknowledged so far", cycle, upMs, acknowledged(clients));
        serve.start();
      }
      Thread.sleep(1_000);
      stopping.set(true);
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      serve.stop();
    }
    CrashCheck.Counts counts = CrashCheck.records(db, clients);
    CrashCheck.Attempts attempts = CrashCheck.attemptsAgainstRebuild(db, dir.resolve("rebuild.db"));
    return new Result(cycles, acknowledged(clients), counts.stored(), counts.missing(), counts.duplicates(),
        counts.unexpected(), attempts.stored(), attempts.rebuilt(), attempts.differing(), resends.get(),
        (System.nanoTime() - start) / 1e9);
  }

  private static Map<String, Long> acknowledged(List<CrashClients.Client> clients) {
    Map<String, Long> out = new TreeMap<>();
    for (CrashClients.Client c : clients) {
      for (Map.Entry<String, Set<String>> e : c.acknowledged().entrySet()) {
        out.merge(e.getKey(), (long) e.getValue().size(), Long::sum);
      }
    }
    return out;
  }

  private void log(String format, Object... args) {
    if (out != null) {
      out.printf("crash: " + format + "%n", args);
    }
  }

  /** {@code uxlens serve} in a JVM of its own, on a fixed port so clients find it again after each restart. */
  private static final class ServeProcess {
    private final Path db;
    private final int port;
    private final Path log;
    private Process process;

    ServeProcess(Path db, int port, Path log) {
      this.db = db;
      this.port = port;
      this.log = log;
    }

    void start() throws Exception {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.uxlens.cli.Main", "serve");
      pb.environment().put("UXLENS_DB", db.toString());
      pb.environment().put("UXLENS_PORT", Integer.toString(port));
      pb.environment().put("UXLENS_HOST", "127.0.0.1");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = pb.start();
      HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("uxlens serve exited with " + process.exitValue() + "; see " + log);
        }
        try {
          HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
              .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("uxlens serve did not become ready within 60 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no drain, no final commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop, so the store is closed cleanly for the checks. */
    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          kill();
        }
      }
    }
  }
}
