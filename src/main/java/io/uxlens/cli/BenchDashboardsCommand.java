package io.uxlens.cli;

import io.uxlens.bench.DashboardsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import io.uxlens.dashboards.Flavor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench dashboards}: options for {@link DashboardsBench}. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
    description = {"Every panel query of the shipped dashboards (both data source flavours, at each dashboard's "
        + "default range, 7 and 30 days), as Grafana sends them: p50/p95 each and whole page loads.",
        "With --events N: builds or reuses stores of N and N/10 records in the demo's proportions (sent over "
            + "HTTP) and prints the growth of each query for 10x the data. With --db: replays one store."})
public final class BenchDashboardsCommand implements Callable<Integer> {
  @Option(names = "--db", description = "An existing store to replay against (instead of --events): a SQLite "
      + "file or a PostgreSQL URL (postgresql://user@host:5432/db).")
  String db;

  @Option(names = "--events", description = "Records in the larger store built (spans, measurements, feedback "
      + "and annotations included, in the demo's proportions).")
  Long events;

  @Option(names = "--days", defaultValue = "7", description = "Days of history in the built stores "
      + "(default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--dir", defaultValue = "target/bench-dashboards", description = "Where built stores are kept "
      + "and reused (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--ranges", split = ",", defaultValue = "default,7d,30d", description = "Ranges replayed: "
      + "default (each dashboard's own), 7d, 30d (default ${DEFAULT-VALUE}).")
  List<String> ranges;

  @Option(names = "--flavours", split = ",", defaultValue = "infinity,json-api", description = "Data source "
      + "flavours replayed (default ${DEFAULT-VALUE}).")
  List<String> flavours;

  @Option(names = "--runs", defaultValue = "20", description = "Timed repetitions per query (default ${DEFAULT-VALUE}: "
      + "a p95 needs about 20; of 5 runs it is the slowest one).")
  int runs;

  @Override
  public Integer call() throws Exception {
    // The JDK client keeps idle connections 20 minutes; the server closes them after 30 s, and a POST sent on one it
    // has closed fails without a byte of answer (seen twice). Grafana's Go client has a reader on each idle
    // connection that sees the close at once; this one is told to drop them first. Read once, before the JVM's
    // first HTTP client.
    System.setProperty("jdk.httpclient.keepalive.timeout", "20");
    if (days < 1 || runs < 1) {
      throw new Main.UsageProblem("--days and --runs must be at least 1");
    }
    if ((db == null) == (events == null)) {
      throw new Main.UsageProblem("give either --db FILE (replay one store) or --events N (build N and N/10)");
    }
    List<Flavor> chosen = new java.util.ArrayList<>();
    for (String f : flavours) {
      chosen.add(java.util.Arrays.stream(Flavor.values()).filter(v -> v.cliName().equals(f)).findFirst()
          .orElseThrow(() -> new Main.UsageProblem("--flavours: unknown flavour '" + f + "' (known: infinity, "
              + "json-api)")));
    }
    for (String r : ranges) {
      if (!List.of("default", "7d", "30d").contains(r)) {
        throw new Main.UsageProblem("--ranges: unknown range '" + r + "' (known: default, 7d, 30d)");
      }
    }
    DashboardsBench bench = new DashboardsBench(runs, ranges, chosen, System.out);
    if (db != null) {
      io.uxlens.store.DbUrl where;
      try {
        where = io.uxlens.store.DbUrl.parse(db);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageProblem(e.getMessage());
      }
      if (where.sqliteFile() != null && !Files.isRegularFile(where.sqliteFile())) {
        throw new Main.UsageProblem("--db: no store at " + db);
      }
      bench.replay(db);
    } else {
      if (events < 1_000) {
        throw new Main.UsageProblem("--events must be at least 1000");
      }
      bench.grow(dir, events, days);
    }
    return 0;
  }
}
