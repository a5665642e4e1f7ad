package io.uxlens.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database: a pooled data source, migrations applied at open, and the Jdbi every DAO is built on.
 * SQLite runs in WAL mode so readers never block the single writer; synchronous=FULL makes a commit
 * durable before the writer acknowledges it.
 */
public final class Store implements AutoCloseable {
  /** What the WAL file is cut back to when a checkpoint restarts it (SQLite's journal_size_limit). */
  static final int WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Path file;
  private volatile boolean migrated;
  private Leadership leadership;

  private Store(HikariDataSource dataSource, Dialect dialect, Path file) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.file = file;
    Jdbi j = Dialect.mark(RowMappers.registerAll(Jdbi.create(dataSource)), dialect);
    this.jdbi = dialect == Dialect.POSTGRESQL ? Partitions.attach(j) : j;
  }

  /** Opens the store {@code --db} names: a SQLite file or a PostgreSQL URL (see {@link DbUrl}). */
  public static Store open(String db) {
    return open(DbUrl.parse(db));
  }

  public static Store open(DbUrl db) {
    return db.dialect() == Dialect.SQLITE ? openSqlite(db.sqliteFile()) : openPostgres(db);
  }

  /** Opens a SQLite file (parent folders created) and applies migrations. */
  public static Store openSqlite(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder for " + file + ": " + e.getMessage(), e);
    }
    SqliteFileCheck.verify(file); // a foreign or damaged file stops here, read but never written
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(10_000);
    sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // a burst grows the WAL while readers keep checkpoints from restarting it; once one does, cut the file back
    sqlite.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
    SQLiteDataSource ds = new SQLiteDataSource(sqlite);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("uxlens-sqlite");
    // six for reads and background jobs, one the writer keeps (Writer#handle), one its checkpointer keeps
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(1);
    return migrate(new Store(new HikariDataSource(hc), Dialect.SQLITE, file));
  }

  /**
   * Opens a PostgreSQL database and applies migrations (Flyway takes a lock in the database, so instances starting
   * together migrate once). A connection that cannot be had within 5 s fails the request that wanted it, which the
   * server answers with 503: the pool reconnects by itself once the database is back.
   */
  public static Store openPostgres(DbUrl db) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(db.jdbcUrl());
    if (db.user() != null) {
      hc.setUsername(db.user());
    }
    if (db.password() != null) {
      hc.setPassword(db.password());
    }
    hc.setPoolName("uxlens-postgres");
    hc.setMaximumPoolSize(10);
    hc.setMinimumIdle(2);
    hc.setConnectionTimeout(5_000);
    hc.setValidationTimeout(2_000);
    hc.addDataSourceProperty("ApplicationName", "uxlens");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + db + ": " + rootMessage(e), e);
    }
    return migrate(new Store(ds, Dialect.POSTGRESQL, null));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static Store migrate(Store store) {
    try {
      Flyway.configure()
          .dataSource(store.dataSource)
          .locations(store.dialect.migrations())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      store.close();
      throw new StoreException("database migration failed: " + e.getMessage(), e);
    }
    store.migrated = true;
    return store;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Who runs the background jobs: always this process on SQLite, one instance at a time on PostgreSQL. */
  public synchronized Leadership leadership() {
    if (leadership == null) {
      leadership = dialect == Dialect.POSTGRESQL ? Leadership.contested(dataSource) : Leadership.always();
    }
    return leadership;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Open, migrated and answering a trivial query. */
  public boolean ready() {
    if (!migrated || dataSource.isClosed()) {
      return false;
    }
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Bytes on disk: the SQLite file plus its WAL, or the PostgreSQL database's size (-1 if it cannot be read). */
  public long sizeBytes() {
    if (file == null) {
      try {
        return jdbi.withHandle(h -> h.createQuery("SELECT pg_database_size(current_database())")
            .mapTo(Long.class).one());
      } catch (RuntimeException e) {
        return -1;
      }
    }
    long total = 0;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path p = Path.of(file.toAbsolutePath() + suffix);
      try {
        total += Files.exists(p) ? Files.size(p) : 0;
      } catch (IOException e) {
        // a WAL file can vanish between exists and size at checkpoint time; count what we can see
      }
    }
    return total;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (leadership != null) {
        leadership.close();
      }
    }
    dataSource.close();
  }
}
