package io.uxlens.cli;

import io.uxlens.bench.ImportBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench import}: import speed against {@code bench ingest}'s HTTP rate, measured in the same run. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports a generated Segment archive and compares its rate with bench ingest's HTTP rate, "
        + "both measured in this run against fresh stores.")
public final class BenchImportCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "1000000", description = "Events (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--parallel", defaultValue = "4", description = "Import requests in flight (default ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--gzip", description = "Write and read the archive gzipped.")
  boolean gzip;

  @Option(names = "--dir", description = "Working folder (default: a new temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (events <= 0 || parallel < 1 || parallel > 64) {
      throw new Main.UsageProblem("--events must be positive and --parallel between 1 and 64");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-bench-import");
    ImportBench.Result r = new ImportBench(events, parallel, gzip, System.err).run(work);
    System.out.printf("events                        %,d (archive %,d bytes%s)%n", r.events(), r.archiveBytes(),
        gzip ? ", gzip" : "");
    System.out.printf("baseline: bench ingest HTTP   %,.0f events/s%n", r.ingestEventsPerSecond());
    System.out.printf("uxlens import                 %,.0f events/s  (%.2f x baseline; target >= 0.80)%n",
        r.importEventsPerSecond(), r.ratio());
    return 0;
  }
}
