package io.uxlens.store;

import java.sql.SQLException;

/** Reads what a failed write says about the store, for callers that must not speak SQL themselves. */
public final class StoreFailures {
  /** SQLite's result code for "database or disk is full" (also raised past PRAGMA max_page_count). */
  private static final int SQLITE_FULL = 13;

  private StoreFailures() {}

  /** Whether the failure, or any cause of it, is the database or its disk being full. */
  public static boolean diskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && (s.getErrorCode() == SQLITE_FULL
          || String.valueOf(s.getMessage()).contains("SQLITE_FULL"))) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("database or disk is full")) {
        return true;
      }
    }
    return false;
  }
}
