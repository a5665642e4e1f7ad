package io.uxlens.cli;

import io.uxlens.bench.BenchTarget;
import io.uxlens.bench.JourneysBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Option(names = "--db", description = "A PostgreSQL URL to bench on (a database of its own: its UX Lens tables are "
      + "emptied before each size). Default: SQLite files in --dir.")
  String db;

  @Option(names = "--compare-sqlite", description = "With a PostgreSQL --db: run the same bench on SQLite files "
      + "first and print PostgreSQL / SQLite ratios.")
  boolean compareSqlite;

  @Override
  public Integer call() throws Exception {
    if (events < 100 || factor < 2 || runs < 1) {
      throw new Main.UsageProblem("--events must be >= 100, --factor >= 2 and --runs >= 1");
    }
    JourneysBench bench = new JourneysBench(events, factor, runs, System.out);
    if (db == null) {
      if (compareSqlite) {
        throw new Main.UsageProblem("--compare-sqlite needs --db postgresql://...");
      }
      bench.run(dir);
      return 0;
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-bench");
    BenchTarget target;
    try {
      target = BenchTarget.of(db, work);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem(e.getMessage());
    }
    if (compareSqlite && !target.postgres()) {
      throw new Main.UsageProblem("--compare-sqlite needs --db postgresql://...");
    }
    List<JourneysBench.Result> sqlite = compareSqlite ? bench.run(BenchTarget.sqlite(work)) : null;
    List<JourneysBench.Result> r = bench.run(target);
    if (sqlite != null) {
      System.out.println();
      System.out.println("PostgreSQL / SQLite, same run (time ratios; below 1 is faster on PostgreSQL):");
      for (int i = 0; i < r.size(); i++) {
        JourneysBench.Result p = r.get(i);
        JourneysBench.Result s = sqlite.get(i);
        System.out.printf("  %,d events: load %.2fx, sessionizer catch-up %.2fx, KPI from rollups %.2fx, "
            + "split by country %.2fx, raw-event scan %.2fx%n", p.events(), p.loadMs() / s.loadMs(),
            p.catchUpMs() / s.catchUpMs(), p.kpiMs() / s.kpiMs(), p.kpiSplitMs() / s.kpiSplitMs(),
            p.scanMs() / s.scanMs());
      }
    }
    return 0;
  }
}
