package io.uxlens.store;

import java.sql.SQLException;

/** Reads what a failed write says about the store, for callers that must not speak SQL themselves. */
public final class StoreFailures {
  /** SQLite's result code for "database or disk is full" (also raised past PRAGMA max_page_count). */
  private static final int SQLITE_FULL = 13;

  private StoreFailures() {}

  /**
   * Whether the failure, or any cause of it, is the database being out of reach: no pooled connection within the
   * pool's timeout, a broken or refused connection (SQLSTATE class 08), the server shutting down or starting up
   * (57P01-57P03) or out of connection slots (53300). The request may succeed once it is back: a 503, not a 500.
   */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
          return true;
        }
      }
    }
    return false;
  }

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
