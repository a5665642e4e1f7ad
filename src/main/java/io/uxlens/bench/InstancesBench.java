package io.uxlens.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * HTTP ingest into one PostgreSQL database through {@code n} {@code serve} processes against one such process, in
 * the same run with the same batches, the database emptied before each: what adding instances buys (or costs) on
 * this machine. Clients are spread over the instances, client c to instance c modulo n.
 */
public final class InstancesBench {
  /** One configuration's figures. */
  public record Run(int instances, double eventsPerSecond, double p50Millis, double p99Millis) {}

  private final IngestBench ingest;
  private final PrintStream out;

  public InstancesBench(IngestBench ingest, PrintStream out) {
    this.ingest = ingest;
    this.out = out;
  }

  /** One instance (the baseline), then {@code n}. */
  public List<Run> run(BenchTarget target, int n, Path logs) throws Exception {
    if (!target.postgres()) {
      throw new IllegalArgumentException("several instances share a PostgreSQL database; give --db postgresql://");
    }
    List<String> bodies = ingest.bodies();
    return List.of(once(target, 1, bodies, logs), once(target, n, bodies, logs));
  }

  private Run once(BenchTarget target, int n, List<String> bodies, Path logs) throws Exception {
    String db = target.stage("instances-" + n);
    long[] latencies = new long[bodies.size()];
    double rate;
    try (ServeProcesses serve = ServeProcesses.start(n, db, logs, "512m")) {
      rate = IngestBench.overHttp(serve.uris(), bodies, latencies, ingest.clients(), ingest.batchSize(), out);
    }
    return new Run(n, rate, IngestBench.percentile(latencies, 0.50), IngestBench.percentile(latencies, 0.99));
  }
}
