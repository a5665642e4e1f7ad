package io.uxlens.cli;

import io.uxlens.bench.DashboardsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench dashboards}: options for {@link DashboardsBench}. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
    description = "Every panel query of the shipped dashboards against a store, as Grafana sends them: p50/p95 each.")
public final class BenchDashboardsCommand implements Callable<Integer> {
  @Option(names = "--db", required = true, description = "SQLite store to query (e.g. one 'bench journeys --dir' left).")
  Path db;

  @Option(names = "--days", defaultValue = "7", description = "Range ending at the newest event (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--runs", defaultValue = "5", description = "Timed repetitions per query (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (days < 1 || runs < 1) {
      throw new Main.UsageProblem("--days and --runs must be at least 1");
    }
    if (!Files.isRegularFile(db)) {
      throw new Main.UsageProblem("--db: no store at " + db);
    }
    new DashboardsBench(days, runs, System.out).run(db);
    return 0;
  }
}
