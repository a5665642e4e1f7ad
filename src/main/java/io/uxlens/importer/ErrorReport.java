package io.uxlens.importer;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Row errors as {@code file:line: field: rule}: the first few printed, the rest counted (all are in the rejects file). */
final class ErrorReport {
  static final int PRINTED = 20;
  private final PrintStream err;
  private final AtomicLong count = new AtomicLong();
  private final String linePrefix;

  /** @param overBar a live progress bar holds the current line: clear it first (the bar redraws itself) */
  ErrorReport(PrintStream err, boolean overBar) {
    this.err = err;
    this.linePrefix = overBar ? "\r\033[K" : "";
  }

  void report(String file, long line, String field, String rule) {
    if (count.incrementAndGet() <= PRINTED) {
      err.println(linePrefix + file + ":" + line + ": " + field + ": " + rule);
    }
  }

  long count() {
    return count.get();
  }
}
