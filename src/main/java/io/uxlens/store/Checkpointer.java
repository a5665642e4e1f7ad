package io.uxlens.store;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite WAL into the database file on a thread of its own, so the writer's commits only append to the
 * WAL. Left to SQLite, the connection whose commit takes the WAL past 1,000 pages runs the checkpoint inside that
 * commit: reading the frames back, writing them to the file and syncing it, on the single writer thread that every
 * ingest request waits for (a third of its CPU in a {@code bench ingest} profile). PASSIVE checkpoints run beside
 * the writer's commits and never wait for readers or writers. The writer's own connection keeps SQLite's automatic
 * checkpoint as a backstop at {@link #BACKSTOP_PAGES}, so the WAL stays bounded should this thread fall behind or
 * fail.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  /** WAL pages after which the writer's connection checkpoints by itself (SQLite's default is 1,000). */
  static final int BACKSTOP_PAGES = 16_000;
  /** At most one checkpoint per this many ms: each one syncs the database file, so they are batched. */
  static final long MIN_INTERVAL_MS = 100;

  private final Jdbi jdbi;
  private final Semaphore commits = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closing;

  Checkpointer(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.thread = new Thread(this::run, "uxlens-checkpointer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Called after each commit that wrote something: a checkpoint follows within {@link #MIN_INTERVAL_MS}. */
  void committed() {
    if (commits.availablePermits() == 0) {
      commits.release();
    }
  }

  private void run() {
    Handle h = null;
    try {
      while (!closing) {
        if (!commits.tryAcquire(1, TimeUnit.SECONDS)) {
          continue;
        }
        commits.drainPermits();
        try {
          if (h == null) {
            h = jdbi.open();
          }
          checkpoint(h);
        } catch (RuntimeException e) {
          // the backstop keeps the WAL bounded meanwhile; a new connection is tried on the next commit
          LOG.warn("WAL checkpoint failed: {}", e.getMessage());
          close(h);
          h = null;
        }
        Thread.sleep(MIN_INTERVAL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(h);
    }
  }

  /** One PASSIVE checkpoint: as many frames as no reader still needs, without waiting. */
  static void checkpoint(Handle h) {
    Map<String, Object> r = h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().one();
    LOG.trace("checkpoint {}", r);
  }

  private static void close(Handle h) {
    if (h != null) {
      try {
        h.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the checkpointer's connection", e);
      }
    }
  }

  /** Stops the thread; what is left in the WAL is checkpointed when the last connection closes, as before. */
  @Override
  public void close() {
    closing = true;
    commits.release();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
