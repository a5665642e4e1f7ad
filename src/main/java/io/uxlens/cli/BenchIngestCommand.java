package io.uxlens.cli;

import io.uxlens.bench.BenchTarget;
import io.uxlens.bench.IngestBench;
import io.uxlens.bench.InstancesBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench ingest}: what the HTTP wire path costs over raw store writes, on SQLite or PostgreSQL. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Segment batches over HTTP (durable 200s) against direct store writes of the same events.")
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "200000", description = "Events to send (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--batch", defaultValue = "500", description = "Events per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--session-events", defaultValue = "1", description = "Events per session, about (default "
      + "${DEFAULT-VALUE}: a new session for nearly every event). More makes the sessionizer read each session again "
      + "as its events arrive, as live traffic does.")
  int sessionEvents;

  @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "First send as many events as the run (at most 200,000) through every stage, unmeasured, so "
          + "the stages compare compiled code (default: on; --no-warm-up measures from a cold JVM).")
  boolean warmUp;

  @Option(names = "--dir", description = "Working folder for the SQLite files (default: a new temp folder).")
  Path dir;

  @Option(names = "--db", description = "A PostgreSQL URL to bench on (a database of its own: its UX Lens tables are "
      + "emptied before each stage). Default: new SQLite files in --dir.")
  String db;

  @Option(names = "--compare-sqlite", description = "With a PostgreSQL --db: run the same bench on SQLite files "
      + "first and print PostgreSQL / SQLite ratios.")
  boolean compareSqlite;

  @Option(names = "--instances", defaultValue = "0", description = "With a PostgreSQL --db: also send the batches "
      + "through this many serve processes, against one serve process (default: skip).")
  int instances;

  @Override
  public Integer call() throws Exception {
    if (events <= 0 || clients <= 0 || batch <= 0 || batch > 2500) {
      throw new Main.UsageProblem("--events and --clients must be positive and --batch between 1 and 2500");
    }
    if (sessionEvents < 1 || sessionEvents > 1000) {
      throw new Main.UsageProblem("--session-events must be between 1 and 1000");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-bench");
    BenchTarget target;
    try {
      target = db == null ? BenchTarget.sqlite(work) : BenchTarget.of(db, work);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem(e.getMessage());
    }
    if ((compareSqlite || instances != 0) && !target.postgres()) {
      throw new Main.UsageProblem("--compare-sqlite and --instances need --db postgresql://...");
    }
    if (instances < 0 || instances == 1 || instances > 16) {
      throw new Main.UsageProblem("--instances must be between 2 and 16");
    }
    IngestBench bench = new IngestBench(events, batch, clients, System.err).warmingUp(warmUp)
        .eventsPerSession(sessionEvents);
    System.out.printf("events                      %,d (batches of %d, %d clients, about %d per session)%n", events,
        batch, clients, sessionEvents);
    System.out.printf("warm-up                     %s%n", warmUp ? bench.warmUpBatches() * batch
        + " events through each stage first, unmeasured" : "none (cold JVM)");
    IngestBench.Result sqlite = null;
    if (compareSqlite) {
      BenchTarget files = BenchTarget.sqlite(work);
      System.out.println("-- " + files.describe());
      sqlite = bench.run(files);
      print("SQLite", sqlite);
    }
    System.out.println("-- " + target.describe());
    IngestBench.Result r = bench.run(target);
    print(target.label(), r);
    if (sqlite != null) {
      System.out.println("-- PostgreSQL / SQLite, same run");
      System.out.printf("plain JDBC                  %.2f x%n", r.rawJdbcEventsPerSecond() / sqlite.rawJdbcEventsPerSecond());
      System.out.printf("writer, no HTTP             %.2f x%n", r.storeEventsPerSecond() / sqlite.storeEventsPerSecond());
      System.out.printf("HTTP Segment batches        %.2f x  (p50 %.2f x, p99 %.2f x)%n",
          r.httpEventsPerSecond() / sqlite.httpEventsPerSecond(), r.p50Millis() / sqlite.p50Millis(),
          r.p99Millis() / sqlite.p99Millis());
    }
    if (instances > 1) {
      System.out.printf("-- HTTP through serve processes on one PostgreSQL database (clients spread over them)%n");
      List<InstancesBench.Run> runs = new InstancesBench(bench, System.err).run(target, instances, work);
      InstancesBench.Run one = runs.get(0);
      for (InstancesBench.Run run : runs) {
        System.out.printf("%-27s %,.0f events/s  (%.2f x one), p50 / p99 per request %.1f ms / %.1f ms%n",
            run.instances() + (run.instances() == 1 ? " instance" : " instances"), run.eventsPerSecond(), run.eventsPerSecond() / one.eventsPerSecond(), run.p50Millis(), run.p99Millis());
      }
    }
    return 0;
  }

  private static void print(String store, IngestBench.Result r) {
    double raw = r.rawJdbcEventsPerSecond();
    String limit = store + " limit";
    System.out.printf("%-27s %,.0f events/s  (baseline)%n", limit + ": plain JDBC", raw);
    System.out.printf("writer, no HTTP             %,.0f events/s  (%.2f x %s)%n", r.storeEventsPerSecond(),
        r.storeEventsPerSecond() / raw, limit);
    System.out.printf("HTTP Segment batches        %,.0f events/s  (%.2f x %s, %.2f x writer)%n",
        r.httpEventsPerSecond(), r.httpEventsPerSecond() / raw, limit, r.httpEventsPerSecond()
            / r.storeEventsPerSecond());
    System.out.printf("batch latency p50 / p99     %.1f ms / %.1f ms%n", r.p50Millis(), r.p99Millis());
    // near 100%: the single writer, not the CPU or the clients, is what holds the HTTP rate
    System.out.printf("writer busy                 %.0f%% of the HTTP stage (time in commits / wall time)%n",
        100 * r.writerBusy());
    System.out.printf("sessionizer at the last 200 %,d events behind, read them all in %,.0f ms%n",
        r.lag().eventsBehind(), r.lag().catchUpMillis());
    System.out.printf("CPU s per 100k events       plain JDBC %.2f, writer %.2f, HTTP %.2f (%.2f x plain JDBC)%n",
        r.cpu().rawJdbc(), r.cpu().store(), r.cpu().http(), r.cpu().http() / r.cpu().rawJdbc());
    StringBuilder threads = new StringBuilder();
    r.httpCpuByThread().forEach((role, s) -> threads.append(threads.isEmpty() ? "" : ", ")
        .append(role).append(String.format(" %.2f", s)));
    System.out.println("HTTP stage by thread, CPU s per 100k events until journeys caught up: " + threads);
    System.out.printf("Segment JSON parse + decode  %.2f us CPU per event (one thread, timed after the warm-up)%n",
        r.cpu().decodeMicrosPerEvent());
    System.out.printf("heap after GC / resident    %d MB / %d MB (max heap %d MB)%n", r.heapAfterGcMegabytes(),
        r.rssMegabytes(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
