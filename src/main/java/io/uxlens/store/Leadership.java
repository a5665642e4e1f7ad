package io.uxlens.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance runs the background jobs (sessionizer, telemetry rollups) when several share one PostgreSQL
 * database: the one holding a session-level advisory lock on a connection of its own. The lock goes with that
 * connection, so when the leader dies (even by SIGKILL) the server frees it at once and another instance, trying
 * every {@value #CHECK_MS} ms, takes over. The leader checks its connection as often and steps down when it breaks.
 * On SQLite, one process owns the file: it always leads.
 */
public final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  static final long LEADER_LOCK = 0x75786c656e7302L;
  static final long CHECK_MS = 2_000;

  private final DataSource dataSource;
  private final List<Runnable> onGain = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean leader;
  private volatile boolean running = true;
  private Connection held;

  private Leadership(DataSource dataSource) {
    this.dataSource = dataSource;
    if (dataSource == null) {
      leader = true;
      thread = null;
    } else {
      thread = new Thread(this::loop, "uxlens-leadership");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** A lone instance's: always the leader. */
  public static Leadership always() {
    return new Leadership(null);
  }

  static Leadership contested(DataSource dataSource) {
    return new Leadership(dataSource);
  }

  /** Whether this instance runs the background jobs now. */
  public boolean isLeader() {
    return leader;
  }

  /** Runs {@code r} each time this instance becomes the leader (on the leadership thread: keep it short). */
  public void onGain(Runnable r) {
    onGain.add(r);
  }

  private void loop() {
    while (running) {
      if (held == null) {
        tryToLead();
      } else if (!alive(held)) {
        LOG.warn("lost the leadership connection: background jobs stop here until leadership is won again");
        leader = false;
        closeQuietly(held);
        held = null;
      }
      try {
        Thread.sleep(CHECK_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void tryToLead() {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
        if (rs.next() && rs.getBoolean(1)) {
          held = c;
          c = null;
          leader = true;
          LOG.info("this instance now runs the sessionizer and the rollup jobs");
          onGain.forEach(Runnable::run);
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("leadership attempt failed", e);
    } finally {
      if (c != null) {
        closeQuietly(c);
      }
    }
  }

  private static boolean alive(Connection c) {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout((int) (CHECK_MS / 1000));
      s.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // a broken connection; the pool drops it
    }
  }

  @Override
  public void close() {
    running = false;
    leader = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (held != null) {
      closeQuietly(held); // back to the pool; the pool's close ends the session and with it the lock
      held = null;
    }
  }
}
