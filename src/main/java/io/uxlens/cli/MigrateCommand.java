package io.uxlens.cli;

import io.uxlens.store.StoreCopy;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uxlens migrate}: copies a SQLite store into PostgreSQL with a progress bar, resumable (rerun the same
 * command after an interruption), verified by counts per table. Exit 0 when every count matches, 1 on a mismatch,
 * 2 when the source or target is refused, 3 when a bounded run stopped before the end.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Copy a SQLite store into an empty PostgreSQL database (stop the server first); rerun to resume.")
public final class MigrateCommand implements Callable<Integer> {
  static final int MISMATCH = 1;
  static final int INCOMPLETE = 3;

  @Option(names = "--from", required = true, description = "The SQLite store file, e.g. data/uxlens.db.")
  String from;

  @Option(names = "--to", required = true,
      description = "The PostgreSQL URL, postgresql://user@host:5432/db (password in it or in UXLENS_DB_PASSWORD).")
  String to;

  @Option(names = "--batch", defaultValue = "5000", description = "Rows per transaction (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--stop-after", defaultValue = "" + Long.MAX_VALUE, hidden = true,
      description = "Stop after about this many rows (a bounded run; rerun to continue).")
  long stopAfter;

  @Override
  public Integer call() {
    if (batch < 1 || batch > 100_000 || stopAfter < 1) {
      throw new Main.UsageProblem("--batch must be between 1 and 100000 and --stop-after positive");
    }
    PrintStream out = System.out;
    StoreCopy.Result result;
    try (StoreCopy copy = StoreCopy.open(from, to, batch); Bar bar = new Bar(System.err)) {
      result = copy.run(bar, stopAfter);
    } catch (StoreCopy.Refused e) {
      throw new Main.UsageProblem("migrate: " + e.getMessage());
    }
    if (!result.complete()) {
      out.printf("stopped after %,d rows; run the same command again to continue%n", result.copiedThisRun());
      return INCOMPLETE;
    }
    out.printf("%-24s %14s %14s%n", "table", "sqlite", "postgresql");
    for (StoreCopy.TableCount c : result.counts()) {
      out.printf("%-24s %,14d %,14d%s%n", c.table(), c.source(), c.target(), c.matches() ? "" : "  MISMATCH");
    }
    if (!result.verified()) {
      out.println("counts differ: the copy is not complete (was the source written to during the copy?)");
      return MISMATCH;
    }
    out.printf("copied %,d rows in this run; every table's count matches%n", result.copiedThisRun());
    return 0;
  }

  /** The progress bar: rows copied of the source's rows, with rows/s and ETA; plain lines when not a terminal. */
  private static final class Bar implements StoreCopy.Listener, AutoCloseable {
    private final PrintStream err;
    private ProgressBar bar;

    Bar(PrintStream err) {
      this.err = err;
    }

    @Override
    public void start(long sourceRows, long alreadyCopied) {
      ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("Copying").setInitialMax(sourceRows)
          .setUnit(" rows", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).startsFrom(alreadyCopied,
              java.time.Duration.ZERO);
      if (System.console() != null) {
        b.setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(500);
      } else {
        b.setConsumer(new DelegatingProgressBarConsumer(err::println, 160)).setUpdateIntervalMillis(5_000);
      }
      bar = b.build();
    }

    @Override
    public void copied(String table, long rows) {
      bar.stepBy(rows);
      bar.setExtraMessage(" " + table);
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
