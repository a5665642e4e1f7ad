package io.uxlens.cli;

import io.uxlens.bench.JourneysBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench journeys}: options for {@link JourneysBench}. */
@Command(name = "journeys", mixinStandardHelpOptions = true,
    description = "Journey KPI freshness and query time against a raw-event scan, at N and factor x N events.")
public final class BenchJourneysCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "100000", description = "Events at the small size (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--factor", defaultValue = "10", description = "Growth factor for the large size (default ${DEFAULT-VALUE}).")
  int factor;

  @Option(names = "--runs", defaultValue = "30", description = "Timed repetitions per query (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", description = "Folder for the bench databases (default: a temp folder, deleted after).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (events < 100 || factor < 2 || runs < 1) {
      throw new Main.UsageProblem("--events must be >= 100, --factor >= 2 and --runs >= 1");
    }
    new JourneysBench(events, factor, runs, System.out).run(dir);
    return 0;
  }
}
