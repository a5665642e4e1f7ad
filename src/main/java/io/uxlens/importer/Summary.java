package io.uxlens.importer;

import java.io.PrintStream;
import java.nio.file.Path;

/** The end of an import: counts, rejects files, how to resume, the journeys wait; and the exit code. */
final class Summary {
  /** The journeys wait, run after the counts are printed; null when there is nothing to wait for. */
  interface Wait {
    JourneyWait.Outcome run() throws InterruptedException;
  }

  private final PrintStream out;
  private final PrintStream err;
  private final boolean dryRun;
  private final Path checkpoint;
  private final String resumeCommand;

  Summary(PrintStream out, PrintStream err, boolean dryRun, Path checkpoint, String resumeCommand) {
    this.out = out;
    this.err = err;
    this.dryRun = dryRun;
    this.checkpoint = checkpoint;
    this.resumeCommand = resumeCommand;
  }

  int print(Importer.Result r, ErrorReport errors, Wait wait) throws InterruptedException {
    Tally t = r.tally();
    if (r.usageStop()) {
      err.println("uxlens import: " + r.stopReason());
      return ImportCommand.EXIT_USAGE;
    }
    long records = t.records.get();
    out.printf("%s %,d records in %.1f s (%,.0f records/s)%s%n", dryRun ? "checked" : r.finished() ? "imported" : "read", records,
        r.seconds(), records / Math.max(1e-3, r.seconds()),
        t.skipped.get() > 0 ? String.format(", %,d skipped as already acknowledged", t.skipped.get()) : "");
    if (dryRun) {
      out.printf("valid %,d, rejected %,d (nothing was sent)%n", t.accepted.get(), t.rejectedUnits.get());
    } else {
      out.printf("accepted %,d, duplicates %,d (already stored), rejected %,d%n", t.accepted.get(),
          t.duplicates.get(), t.rejectedUnits.get());
    }
    if (errors.count() > ErrorReport.PRINTED) {
      out.printf("%,d row errors in all; the first %d are printed above%n", errors.count(), ErrorReport.PRINTED);
    }
    for (Path p : r.rejectFiles()) {
      out.println("rejected rows: " + p + " (fix them and import that file)");
    }
    if (!r.finished()) {
      out.println("stopped before the end: " + r.stopReason());
      if (!dryRun) {
        out.println("what the server acknowledged is saved in " + checkpoint + "; to continue:");
        out.println("  " + resumeCommand);
      }
      return ImportCommand.EXIT_STOPPED;
    }
    JourneyWait.Outcome waited = wait.run();
    if (waited != null) {
      out.println(waited.caughtUp()
          ? String.format("journeys include the imported history (sessionizer caught up in %.1f s)", waited.seconds())
          : "journeys: " + waited.note());
    }
    return t.rejectedRecords.get() > 0 ? ImportCommand.EXIT_REJECTED : ImportCommand.EXIT_OK;
  }
}
