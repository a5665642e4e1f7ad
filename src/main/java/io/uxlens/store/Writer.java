package io.uxlens.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Every write goes through one thread that drains whatever is queued and applies it in one
 * transaction (group commit): one fsync is shared by many requests, and a future completes only once its rows
 * are committed, so a caller can acknowledge durably. Each operation runs inside its own savepoint, so one
 * failing operation does not take its neighbours down with it.
 *
 * <p>Ingest comes first: background operations (the sessionizer's attempt and rollup rebuilds, retention, the
 * telemetry and feedback rollups) wait in a queue of their own and are committed alone, when no ingest is waiting
 * or once the oldest has waited {@link #MAX_BACKGROUND_WAIT_MS} ms. A request never shares a commit with a long
 * rebuild, and while ingest saturates the writer it waits behind at most one background commit per wait; background
 * work is never starved: what it falls behind during a burst it catches up once ingest leaves the writer idle.
 */
public final class Writer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
  private static final int MAX_OPS_PER_COMMIT = 256;
  /**
   * How long background work waits while ingest keeps the writer busy. Under a saturating burst the sessionizer
   * then writes a few times a second instead of taking a share of every second, and catches up after the burst.
   */
  static final long MAX_BACKGROUND_WAIT_MS = 250;
  private static final int BACKGROUND_CAPACITY = 64;

  /** Held by every ingest transaction on PostgreSQL from its first number drawn to its commit (see run). */
  static final long INGEST_LOCK = 0x75786c656e7301L;
  /**
   * Held by every background transaction on PostgreSQL: should two instances both believe they lead for a moment
   * (a takeover while the old leader's run is finishing), their job commits still run one at a time, and each job
   * checks its cursor inside the transaction before it adds anything.
   */
  static final long JOBS_LOCK = 0x75786c656e7303L;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final BlockingQueue<Pending<?>> queue;
  private final BlockingQueue<Pending<?>> background = new ArrayBlockingQueue<>(BACKGROUND_CAPACITY);
  private final int capacity;
  private final long maxBackgroundWaitNanos;
  private final Thread thread;
  private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closing;
  /** SQLite page cache of the writer's own connection (native memory, outside the heap). */
  static final long WRITER_CACHE_BYTES = 32L * 1024 * 1024;
  /** The writer thread's own connection on SQLite (see {@link #handle}); null until the first commit. */
  private Handle own;
  /** SQLite only: copies the WAL into the file beside the writer's commits (null on PostgreSQL). */
  private final Checkpointer checkpointer;

  /** Told after each commit, on the writer thread: keep it short. */
  public interface CommitListener {
    void committed(int operations, long nanos);
  }

  private record Pending<R>(Function<Handle, R> op, CompletableFuture<R> done, long queuedNanos) {}

  public Writer(Jdbi jdbi, int capacity) {
    this(jdbi, capacity, MAX_BACKGROUND_WAIT_MS);
  }

  /** A writer whose background work waits at most {@code maxBackgroundWaitMs} behind queued ingest. */
  Writer(Jdbi jdbi, int capacity, long maxBackgroundWaitMs) {
    this.jdbi = jdbi;
    this.maxBackgroundWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxBackgroundWaitMs);
    this.postgres = Dialect.of(jdbi) == Dialect.POSTGRESQL;
    this.capacity = capacity;
    this.checkpointer = postgres ? null : new Checkpointer(jdbi);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "uxlens-writer");
    this.thread.setDaemon(false);
    this.thread.start();
  }

  public void addListener(CommitListener listener) {
    listeners.add(listener);
  }

  /** Queues an operation; the future completes after its transaction commits (or fails with its cause). */
  public <R> CompletableFuture<R> submit(Function<Handle, R> op) {
    return offer(queue, capacity, op);
  }

  /** Queues background work (never a client waiting), committed alone and after the ingest waiting for it. */
  public <R> CompletableFuture<R> submitBackground(Function<Handle, R> op) {
    return offer(background, BACKGROUND_CAPACITY, op);
  }

  private <R> CompletableFuture<R> offer(BlockingQueue<Pending<?>> to, int limit, Function<Handle, R> op) {
    if (closing) {
      return CompletableFuture.failedFuture(new StoreException("writer is shutting down"));
    }
    CompletableFuture<R> done = new CompletableFuture<>();
    if (!to.offer(new Pending<>(op, done, System.nanoTime()))) {
      return CompletableFuture.failedFuture(new WriterOverloadedException(limit));
    }
    return done;
  }

  /** Operations waiting for the writer, ingest and background. */
  public int queueDepth() {
    return queue.size() + background.size();
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>();
    boolean afterBackground = false;
    while (true) {
      try {
        if (backgroundDue(afterBackground)) {
          batch.add(background.poll()); // this thread alone takes from the queue: what it peeked is still first
          commit(batch, false);
          afterBackground = true;
          continue;
        }
        // short waits: background work queued while this thread waits is picked up within them
        Pending<?> first = queue.poll(20, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty() && background.isEmpty()) {
            discard(own);
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_OPS_PER_COMMIT - 1);
        commit(batch, true);
        afterBackground = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        discard(own);
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Background work is committed when no ingest waits, or once the oldest has waited its longest; then waiting
   * ingest gets the next commit, so several jobs' overdue operations never run back to back ahead of requests.
   */
  private boolean backgroundDue(boolean afterBackground) {
    Pending<?> oldest = background.peek();
    return oldest != null && (queue.isEmpty()
        || !afterBackground && System.nanoTime() - oldest.queuedNanos() >= maxBackgroundWaitNanos);
  }

  /**
   * One transaction for the batch. On PostgreSQL an ingest transaction first takes {@link #INGEST_LOCK}: several
   * instances then commit raw rows one after another, so seq numbers become visible in order and a reader that
   * follows seq (the sessionizer, the rollup job) can never pass a smaller number still uncommitted elsewhere.
   */
  private void commit(List<Pending<?>> batch, boolean ingest) {
    long start = System.nanoTime();
    Object[] results = new Object[batch.size()];
    RuntimeException[] failures = new RuntimeException[batch.size()];
    boolean anyFailed = false;
    Handle h = null;
    try {
      h = handle();
      h.begin();
      if (postgres) {
        h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) l").bind("k", ingest ? INGEST_LOCK : JOBS_LOCK)
            .mapTo(Integer.class).one();
      }
      for (int i = 0; i < batch.size(); i++) {
        Outcome o = applyOne(h, batch.get(i));
        results[i] = o.result;
        failures[i] = o.failure;
        anyFailed |= o.failure != null;
      }
      h.commit();
    } catch (RuntimeException e) {
      if (!postgres) {
        recover(h);
      }
      Partitions.rolledBack(jdbi);
      LOG.error("commit of {} operations failed", batch.size(), e);
      for (Pending<?> p : batch) {
        p.done().completeExceptionally(new StoreException("commit failed", e));
      }
      return;
    } finally {
      if (postgres && h != null) {
        h.close();
      }
    }
    if (anyFailed) {
      Partitions.rolledBack(jdbi); // a failed operation's savepoint may have taken a new partition with it
    }
    long nanos = System.nanoTime() - start;
    if (checkpointer != null) {
      checkpointer.committed();
    }
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results[i], failures[i]);
    }
    for (CommitListener l : listeners) {
      try {
        l.committed(batch.size(), nanos);
      } catch (RuntimeException e) {
        LOG.warn("commit listener failed", e);
      }
    }
  }

  /**
   * The connection this commit runs on. On SQLite the writer keeps one of its own, with a larger page cache: a
   * connection's cache survives between its transactions only while no other connection writes, which holds for
   * the single writer, so the index pages every commit touches stay in memory instead of being read again from the
   * file (a pooled connection started each commit cold). On PostgreSQL each commit borrows one from the pool.
   */
  private Handle handle() {
    if (postgres) {
      return jdbi.open();
    }
    if (own == null) {
      own = jdbi.open();
      own.execute("PRAGMA cache_size = -" + (WRITER_CACHE_BYTES / 1024));
      own.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.BACKSTOP_PAGES);
    }
    return own;
  }

  /**
   * After a failed commit on the writer's own connection: rolled back (SQLite may already have done so itself, and
   * then the rollback fails, but the handle leaves its transaction either way) and kept while it is usable, so
   * settings made on it (its cache, a test's page limit) outlive a failed write; otherwise replaced.
   */
  private void recover(Handle h) {
    if (h == null) {
      return;
    }
    try {
      h.rollback();
    } catch (RuntimeException e) {
      LOG.debug("rollback after a failed commit", e);
    }
    boolean usable;
    try {
      usable = !h.isInTransaction() && !h.getConnection().isClosed();
    } catch (java.sql.SQLException | RuntimeException e) {
      usable = false;
    }
    if (!usable) {
      discard(h);
    }
  }

  /** Closes the writer's own connection; the next commit opens a new one. */
  private void discard(Handle h) {
    if (h == null) {
      return;
    }
    try {
      h.close();
    } catch (RuntimeException e) {
      LOG.debug("closing the writer's connection after a failed commit", e);
    }
    if (h == own) {
      own = null;
    }
  }

  private record Outcome(Object result, RuntimeException failure) {}

  private static <R> Outcome applyOne(Handle h, Pending<R> p) {
    h.execute("SAVEPOINT op");
    try {
      R r = p.op().apply(h);
      h.execute("RELEASE SAVEPOINT op");
      return new Outcome(r, null);
    } catch (RuntimeException e) {
      try {
        h.execute("ROLLBACK TO SAVEPOINT op");
        h.execute("RELEASE SAVEPOINT op");
      } catch (RuntimeException rollback) {
        // SQLite rolled the whole transaction back itself (SQLITE_FULL does): fail the commit with the real cause
        e.addSuppressed(rollback);
        throw e;
      }
      return new Outcome(null, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> void complete(Pending<R> p, Object result, RuntimeException failure) {
    if (failure != null) {
      p.done().completeExceptionally(failure);
    } else {
      p.done().complete((R) result);
    }
  }

  /** Stops taking work, commits everything already queued, then stops the thread. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (checkpointer != null) {
      checkpointer.close();
    }
  }
}
