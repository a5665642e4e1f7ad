package io.uxlens.bench;

import io.uxlens.store.BenchDatabase;
import io.uxlens.store.DbUrl;
import io.uxlens.store.Dialect;
import io.uxlens.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a bench writes each of its stages: a new SQLite file per stage in a folder, or one PostgreSQL database that
 * is emptied (TRUNCATE, sequences restarted) before each stage, so both start every stage from an empty store.
 */
public final class BenchTarget {
  private final Path dir;
  private final String postgresUrl;

  private BenchTarget(Path dir, String postgresUrl) {
    this.dir = dir;
    this.postgresUrl = postgresUrl;
  }

  public static BenchTarget sqlite(Path dir) {
    try {
      return new BenchTarget(Files.createDirectories(dir), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code db} as given to {@code --db}: a PostgreSQL URL, or a SQLite path whose folder holds the stage files. */
  public static BenchTarget of(String db, Path sqliteDir) {
    DbUrl url = DbUrl.parse(db);
    if (url.dialect() == Dialect.POSTGRESQL) {
      return new BenchTarget(null, db);
    }
    Path parent = url.sqliteFile().toAbsolutePath().getParent();
    return sqlite(sqliteDir != null ? sqliteDir : parent);
  }

  public boolean postgres() {
    return postgresUrl != null;
  }

  public String label() {
    return postgres() ? "PostgreSQL" : "SQLite";
  }

  /** Where the stores live and how each stage starts empty, for the report. */
  public String describe() {
    return postgres()
        ? "PostgreSQL " + DbUrl.parse(postgresUrl) + ": its UX Lens tables are emptied before each stage"
        : "SQLite: a new file per stage in " + dir;
  }

  /** The {@code --db} of a stage's empty store. */
  public String stage(String name) {
    if (!postgres()) {
      Path file = dir.resolve(name + ".db");
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        try {
          Files.deleteIfExists(Path.of(file + suffix));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return file.toString();
    }
    try (Store store = Store.open(postgresUrl)) {
      BenchDatabase.clear(store);
    }
    return postgresUrl;
  }
}
