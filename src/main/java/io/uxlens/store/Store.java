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
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Path file;
  private volatile boolean migrated;

  private Store(HikariDataSource dataSource, Dialect dialect, Path file) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.file = file;
    this.jdbi = RowMappers.registerAll(Jdbi.create(dataSource));
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
    SQLiteDataSource ds = new SQLiteDataSource(sqlite);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("uxlens-sqlite");
    hc.setMaximumPoolSize(6);
    hc.setMinimumIdle(1);
    return migrate(new Store(new HikariDataSource(hc), Dialect.SQLITE, file));
  }

  /** Opens a PostgreSQL database by JDBC URL and applies migrations. */
  public static Store openPostgres(String jdbcUrl, String user, String password) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setPoolName("uxlens-postgres");
    hc.setMaximumPoolSize(10);
    return migrate(new Store(new HikariDataSource(hc), Dialect.POSTGRESQL, null));
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

  /** Bytes on disk (SQLite file plus its WAL), or -1 where the store is not a local file. */
  public long sizeBytes() {
    if (file == null) {
      return -1;
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
    dataSource.close();
  }
}
