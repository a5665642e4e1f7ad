package io.uxlens.importer;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The import's progress: bytes of input read against the total (so the ETA is honest for gzip too: compressed
 * bytes), with records, records/s and the accepted, duplicate and rejected counts beside. On a terminal a live
 * bar; otherwise (logs, CI) one plain line every few seconds.
 */
final class Progress implements AutoCloseable {
  /** How progress is shown. */
  enum Mode { AUTO, BAR, PLAIN, OFF }

  static final int PLAIN_INTERVAL_MS = 5_000;

  private final ProgressBar bar;
  private final Tally tally;
  private final long startNanos = System.nanoTime();
  private final boolean dryRun;

  Progress(String task, Mode mode, long totalBytes, Tally tally, boolean dryRun, PrintStream err) {
    this.tally = tally;
    this.dryRun = dryRun;
    Mode m = resolve(mode);
    boolean large = totalBytes < 0 || totalBytes >= 10L * 1024 * 1024;
    this.bar = m == Mode.OFF ? null
        : build(task, m, totalBytes, large ? " MB" : " KB", large ? 1024 * 1024 : 1024, err);
  }

  /** A bar (or plain lines) counting {@code unit}s of {@code unitSize}. */
  static ProgressBar build(String task, Mode mode, long total, String unit, long unitSize, PrintStream err) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setUnit(unit, unitSize).setStyle(ProgressBarStyle.ASCII);
    if (mode == Mode.BAR) {
      b.setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(500);
    } else {
      b.setConsumer(new DelegatingProgressBarConsumer(err::println, 160)).setUpdateIntervalMillis(PLAIN_INTERVAL_MS);
    }
    return b.build();
  }

  /** AUTO is a live bar on a terminal and plain lines otherwise. */
  static Mode resolve(Mode mode) {
    return mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.PLAIN) : mode;
  }

  /** Total input bytes read so far (across inputs). */
  void bytes(long read) {
    if (bar != null) {
      bar.stepTo(read);
      bar.setExtraMessage(counts());
    }
  }

  String counts() {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    long records = tally.records.get();
    return String.format("%,d rec %,.0f rec/s %s %,d dup %,d rej %,d", records, records / seconds,
        dryRun ? "valid" : "ok", tally.accepted.get(), tally.duplicates.get(), tally.rejectedUnits.get());
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.setExtraMessage(counts());
      bar.close();
    }
  }
}
