package io.uxlens.cli;

import io.uxlens.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens demo}: UX Lens alive in one command, with a history that tells a story and live traffic. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run UX Lens on an embedded SQLite file, load a generated history for the four default journeys "
        + "through the real ingest endpoints, then keep sending live traffic.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--days", defaultValue = "14", description = "Days of history (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed: same seed, same history "
      + "(default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--live", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Keep sending live traffic after the history (default: on; --no-live to stop after loading).")
  boolean live;

  @Option(names = "--live-rate", defaultValue = "2", description = "Live sessions per second (default "
      + "${DEFAULT-VALUE}).")
  double liveRate;

  @Option(names = "--scale", defaultValue = "1", description = "Multiplies the history's volume (default "
      + "${DEFAULT-VALUE}: about 1,600 sessions a weekday).")
  double scale;

  @Option(names = "--port", defaultValue = "${env:UXLENS_PORT:-8080}", description = "HTTP port (default "
      + "${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "${env:UXLENS_HOST:-0.0.0.0}", description = "Interface to bind "
      + "(default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--db", defaultValue = "data/demo.db", description = "SQLite file or PostgreSQL URL, "
      + "postgresql://user@host:5432/db (password from UXLENS_DB_PASSWORD) (default ${DEFAULT-VALUE}).")
  String db;

  @Option(names = "--reset", description = "Delete the SQLite file first and load a fresh history. Without it, a "
      + "file that already holds data is kept as it is.")
  boolean reset;

  @Option(names = "--prometheus-url", defaultValue = "${env:UXLENS_PROMETHEUS_URL}", description = "Prometheus' "
      + "base URL for correlation.system (e.g. http://prometheus:9090); the demo's checkout system series, the "
      + "orders database gauge on /metrics, is read back from it.")
  String prometheusUrl;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new Main.UsageProblem("--port must be between 0 and 65535, got " + port);
    }
    Demo.Settings settings;
    try {
      settings = new Demo.Settings(days, seed, scale, live, liveRate, host, port, db, reset, 8,
          ServeCommand.prometheusUri(prometheusUrl));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem(e.getMessage());
    }
    long now = System.currentTimeMillis();
    Demo demo;
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Loading " + days + " days of history")
        .setInitialMax(days * 24L + 1).setUnit(" h", 1).setStyle(ProgressBarStyle.ASCII)
        // Without a terminal (docker logs) each update is a new line: update rarely there.
        .setUpdateIntervalMillis(System.console() == null ? 5_000 : 200)
        .build()) {
      demo = Demo.start(settings, bar::stepTo, now);
    }
    demo.printWelcome(System.out);
    awaitShutdown(demo);
    return 0;
  }

  /** Serves until SIGTERM/SIGINT, then stops live traffic, drains the server and closes the store. */
  static void awaitShutdown(Demo demo) throws InterruptedException {
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "uxlens-demo-shutdown"));
    try {
      stopping.await();
      demo.close();
    } finally {
      stopped.countDown();
    }
  }
}
