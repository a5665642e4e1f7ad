package io.uxlens.cli;

import io.uxlens.bench.ExperimentsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench experiments}: options for {@link ExperimentsBench}. */
@Command(name = "experiments", mixinStandardHelpOptions = true,
    description = "experiment.results and experiment.lift from the first-attempt table against the raw join of every "
        + "attempt with every assignment, same store, same run.")
public final class BenchExperimentsCommand implements Callable<Integer> {
  @Option(names = "--units", defaultValue = "20000", description = "Exposed units (default ${DEFAULT-VALUE}).")
  int units;

  @Option(names = "--attempts-per-unit", defaultValue = "5",
      description = "Journey attempts per unit, before and after exposure (default ${DEFAULT-VALUE}).")
  int attemptsPerUnit;

  @Option(names = "--days", defaultValue = "7", description = "Days the data spans (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--runs", defaultValue = "10", description = "Timed repetitions per query (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", description = "Folder for the bench database, reused when it is there (default: a temp "
      + "folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (units < 10 || attemptsPerUnit < 1 || days < 2 || runs < 1) {
      throw new Main.UsageProblem("--units must be >= 10, --attempts-per-unit >= 1, --days >= 2 and --runs >= 1");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-bench");
    new ExperimentsBench(units, attemptsPerUnit, days, runs, System.out).run(work);
    return 0;
  }
}
