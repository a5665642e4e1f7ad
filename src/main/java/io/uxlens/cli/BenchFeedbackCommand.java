package io.uxlens.cli;

import io.uxlens.bench.FeedbackBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench feedback}: options for {@link FeedbackBench}. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
    description = {"The feedback series (volume, NPS, CSAT, CES, sentiment) from the feedback rollups against the "
        + "same metrics reading every row, on fresh SQLite stores of N/10 and N random feedback items: p50/p95 of "
        + "both paths in the same run, their ratio, and each path's growth for 10x the items. Every rollup answer "
        + "is checked equal to the rows' first."})
public final class BenchFeedbackCommand implements Callable<Integer> {
  @Option(names = "--items", defaultValue = "1000000", description = "Feedback items in the larger store "
      + "(default ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--days", defaultValue = "30", description = "Days the items spread over (default "
      + "${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--runs", defaultValue = "5", description = "Timed repetitions per query and path (default "
      + "${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", defaultValue = "target/bench-feedback", description = "Where the stores are written "
      + "(replaced on each run; default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (items < 10 || days < 1 || runs < 1) {
      throw new Main.UsageProblem("--items must be at least 10, --days and --runs at least 1");
    }
    new FeedbackBench(runs, System.out).run(dir, items, days);
    return 0;
  }
}
