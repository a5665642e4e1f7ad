package io.uxlens.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The SQL databases UX Lens runs on. Statements that differ between them are chosen here, never in callers. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Flyway location holding this dialect's migrations. */
  public String migrations() {
    return "classpath:db/migration/" + migrationFolder;
  }

  private static final String ATTRIBUTE = "uxlens.dialect";

  /** Records the dialect on a Jdbi, so code holding only a Jdbi or a Handle can tell which store it talks to. */
  static Jdbi mark(Jdbi jdbi, Dialect dialect) {
    return jdbi.define(ATTRIBUTE, dialect);
  }

  /** The dialect of a store's Jdbi ({@link #SQLITE} for one that was never marked). */
  public static Dialect of(Jdbi jdbi) {
    Object d = jdbi.getConfig(SqlStatements.class).getAttribute(ATTRIBUTE);
    return d instanceof Dialect dialect ? dialect : SQLITE;
  }

  public static Dialect of(Handle h) {
    Object d = h.getConfig(SqlStatements.class).getAttribute(ATTRIBUTE);
    return d instanceof Dialect dialect ? dialect : SQLITE;
  }

  /**
   * The isolation under which every statement of a transaction reads one snapshot: SQLite's WAL transactions do
   * already; PostgreSQL's default (read committed) takes a new snapshot per statement.
   */
  public org.jdbi.v3.core.transaction.TransactionIsolationLevel snapshotIsolation() {
    return this == POSTGRESQL ? org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ
        : org.jdbi.v3.core.transaction.TransactionIsolationLevel.UNKNOWN;
  }

  public static Dialect ofUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL (want jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
  }
}
