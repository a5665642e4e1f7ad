package io.uxlens.importer;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Row errors as {@code file:line: field: rule}: the first few printed, the rest counted (all are in the rejects file). */
final class ErrorReport {
  static final int PRINTED = 20;
  private final PrintStream err;
  private final AtomicLong count = new AtomicLong();

  ErrorReport(PrintStream err) {
    this.err = err;
  }

  void report(String file, long line, String field, String rule) {
    if (count.incrementAndGet() <= PRINTED) {
      err.println(file + ":" + line + ": " + field + ": " + rule);
    }
  }

  long count() {
    return count.get();
  }
}
