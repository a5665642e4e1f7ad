package io.uxlens.cli;

import io.uxlens.bench.IngestBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench ingest}: what the HTTP wire path costs over raw store writes. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Segment batches over HTTP (durable 200s) against direct store writes of the same events.")
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "200000", description = "Events to send (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--batch", defaultValue = "500", description = "Events per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--dir", description = "Working folder for the SQLite files (default: a new temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (events <= 0 || clients <= 0 || batch <= 0 || batch > 2500) {
      throw new Main.UsageProblem("--events and --clients must be positive and --batch between 1 and 2500");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-bench");
    IngestBench.Result r = new IngestBench(events, batch, clients, System.err).run(work);
    System.out.printf("events                      %,d (batches of %d, %d clients)%n", r.events(), batch, clients);
    double raw = r.rawJdbcEventsPerSecond();
    System.out.printf("SQLite limit: plain JDBC    %,.0f events/s  (baseline)%n", raw);
    System.out.printf("writer, no HTTP             %,.0f events/s  (%.2f x SQLite limit)%n",
        r.storeEventsPerSecond(), r.storeEventsPerSecond() / raw);
    System.out.printf("HTTP Segment batches        %,.0f events/s  (%.2f x SQLite limit, %.2f x writer)%n",
        r.httpEventsPerSecond(), r.httpEventsPerSecond() / raw, r.httpEventsPerSecond() / r.storeEventsPerSecond());
    System.out.printf("batch latency p50 / p99     %.1f ms / %.1f ms%n", r.p50Millis(), r.p99Millis());
    System.out.printf("heap after GC / resident    %d MB / %d MB (max heap %d MB)%n", r.heapAfterGcMegabytes(),
        r.rssMegabytes(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return 0;
  }
}
