package io.uxlens.cli;

import io.uxlens.bench.SoakBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench soak}: minutes of mixed ingest and dashboard queries at half the measured capacity. */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Measures ingest capacity, then runs ingest at half of it with dashboard queries alongside and "
        + "prints p50/p99, how far journeys were behind, heap after GC and resident memory per minute; exits 1 "
        + "unless the last minute is within 20%% of the second in p99 and heap, journeys keep up (at most 5 s "
        + "behind or within 20%% of the second minute) and nothing failed.")
public final class BenchSoakCommand implements Callable<Integer> {
  @Option(names = "--minutes", defaultValue = "10", description = "Length of the soak (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--window-seconds", defaultValue = "60",
      description = "Length of one reported window (default ${DEFAULT-VALUE}: per minute).")
  int windowSeconds;

  @Option(names = "--capacity-seconds", defaultValue = "20",
      description = "Length of the capacity measurement first (default ${DEFAULT-VALUE}).")
  int capacitySeconds;

  @Option(names = "--dir", description = "Working folder for the SQLite file (default: a new temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (minutes < 1 || windowSeconds < 1 || capacitySeconds < 1 || minutes * 60 / windowSeconds < 3) {
      throw new Main.UsageProblem("--minutes, --window-seconds and --capacity-seconds must be at least 1, with at "
          + "least 3 windows in the run");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-soak");
    SoakBench.Result r = new SoakBench(minutes * 60 / windowSeconds, Duration.ofSeconds(windowSeconds),
        Duration.ofSeconds(capacitySeconds), System.err).run(work);
    System.out.printf("capacity %.0f events/s (4 clients, 500-event batches); soak at %.0f events/s with dashboard "
        + "queries every 250 ms%n", r.capacityEventsPerSecond(), r.targetEventsPerSecond());
    System.out.println("window  ingest p50/p99 ms   queries p50/p99 ms   errors  journeys behind s  heap after GC MB"
        + "  resident MB");
    long errors = 0;
    for (SoakBench.Window w : r.windows()) {
      errors += w.errors();
      System.out.printf("%6d  %7.1f / %7.1f   %7.1f / %7.1f   %6d  %17.1f  %16d  %11d%n", w.index(), w.ingestP50(),
          w.ingestP99(), w.queryP50(), w.queryP99(), w.errors(), w.sessionizerLagSeconds(), w.heapAfterGcMb(),
          w.rssMb());
    }
    System.out.println(r.flat() ? "flat: the last window is within 20% of the second in p99 and heap, and journeys "
        + "keep up" : "NOT flat: the last window is more than 20% worse than the second in p99, heap or how far "
        + "journeys were behind");
    return r.flat() && errors == 0 ? 0 : 1;
  }
}
