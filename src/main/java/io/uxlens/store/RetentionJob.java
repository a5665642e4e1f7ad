package io.uxlens.store;

import io.uxlens.config.RetentionPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RetentionPolicy}: once at start, then every {@code intervalMs}, on its own thread. Every delete is
 * one bounded batch committed alone as background work of the single writer, which puts waiting ingest first, and
 * the job pauses between batches, so a large backlog is worked off without holding ingest up.
 *
 * <p>Raw rows go only when older than the cutoff and already read by the sessionizer and the telemetry and feedback
 * rollup jobs, so nothing is dropped before it is rolled up. The horizon is raised before the first raw row goes, in
 * its own commit, so from then on the sessionizer keeps older attempts instead of rebuilding them from partial events.
 */
public final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  public static final long DEFAULT_INTERVAL_MS = 15 * 60_000L;
  public static final int DEFAULT_BATCH_ROWS = 2_000;
  public static final long DEFAULT_PAUSE_MS = 20;

  /** Told how many rows a batch deleted from which table (for the Prometheus counter). */
  public interface DeletionListener {
    void deleted(String table, long rows);
  }

  /** What one run deleted, by table. */
  public record RunStats(java.util.Map<String, Long> deleted) {
    public long total() {
      return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final RetentionPolicy policy;
  private final RetentionStore store;
  private final Writer writer;
  private final LongSupplier clock;
  private final int batchRows;
  private final long pauseMs;
  private final long intervalMs;
  private final DeletionListener listener;
  private final Leadership leadership;
  private volatile boolean running = true;
  private Thread thread;

  public RetentionJob(RetentionPolicy policy, Store store, Writer writer, LongSupplier clock, int batchRows,
      long pauseMs, long intervalMs, DeletionListener listener) {
    this.policy = policy;
    this.leadership = store.leadership();
    this.store = new RetentionStore(store);
    this.writer = writer;
    this.clock = clock;
    this.batchRows = batchRows;
    this.pauseMs = pauseMs;
    this.intervalMs = intervalMs;
    this.listener = listener == null ? (t, n) -> { } : listener;
  }

  /** The job with the default batch size, pause and interval, on the wall clock. */
  public static RetentionJob standard(RetentionPolicy policy, Store store, Writer writer, DeletionListener listener) {
    return new RetentionJob(policy, store, writer, System::currentTimeMillis, DEFAULT_BATCH_ROWS, DEFAULT_PAUSE_MS,
        DEFAULT_INTERVAL_MS, listener);
  }

  /** Starts the background thread (a policy that keeps everything starts nothing). */
  public RetentionJob start() {
    if (policy.keepsEverything()) {
      return this;
    }
    thread = new Thread(this::loop, "uxlens-retention");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void loop() {
    while (running) {
      try {
        if (!leadership.isLeader()) {
          Thread.sleep(Leadership.CHECK_MS); // another instance on the same database runs it
          continue;
        }
        RunStats stats = runOnce();
        if (stats.total() > 0) {
          LOG.info("retention deleted {}", stats.deleted());
        }
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("retention run failed; will retry at the next interval", e);
          try {
            Thread.sleep(intervalMs);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }
  }

  /** One full pass at the clock's current time; returns when nothing older than the cutoffs is left to delete. */
  public RunStats runOnce() throws InterruptedException {
    long now = clock.getAsLong();
    java.util.Map<String, Long> deleted = new java.util.LinkedHashMap<>();
    if (policy.raw() != null) {
      long cutoff = policy.rawCutoff(now);
      write(h -> {
        RetentionStore.raiseHorizon(h, cutoff);
        return null;
      });
      for (RetentionStore.RawTable t : RetentionStore.RawTable.values()) {
        long maxSeq = store.readersPassed(t);
        // PostgreSQL: whole partitions first; the batches then take what is left at the partition edges
        long rows = store.dropWholePartitions(t, cutoff, maxSeq);
        if (rows > 0) {
          listener.deleted(t.table(), rows);
        }
        rows += batches(t.table(), false, h -> RetentionStore.deleteRawBatch(h, t, cutoff, maxSeq, batchRows));
        deleted.put(t.table(), rows);
      }
    }
    if (policy.rollups() != null) {
      long cutoff = policy.rollupCutoff(now);
      long attempts = 0;
      for (String journey : store.attemptJourneys()) {
        attempts += batches("journey_attempts", false,
            h -> RetentionStore.deleteAttemptsBatch(h, journey, cutoff, batchRows));
      }
      deleted.put("journey_attempts", attempts);
      for (RetentionStore.RollupGroup g : store.rollupGroups()) {
        long rows = batches(g.table(), true, h -> RetentionStore.deleteRollupSlice(h, g, cutoff, batchRows));
        deleted.merge(g.table(), rows, Long::sum);
      }
      int spikes = write(h -> RetentionStore.deleteSpikes(h, cutoff)); // a few rows: one statement
      if (spikes > 0) {
        listener.deleted("journey_spikes", spikes);
      }
      deleted.put("journey_spikes", (long) spikes);
    }
    return new RunStats(deleted);
  }

  /**
   * Runs {@code batch} until nothing older is left, pausing between commits; the rows deleted in all. A batch that
   * deletes fewer than {@code batchRows} rows was the last, except where deletes are cut at bucket edges
   * ({@code byBuckets}): there a negative count says it deleted the last rows.
   */
  private long batches(String table, boolean byBuckets, Function<Handle, Integer> batch)
      throws InterruptedException {
    long total = 0;
    while (running) {
      int n = write(batch);
      int rows = Math.abs(n);
      total += rows;
      if (rows > 0) {
        listener.deleted(table, rows);
      }
      boolean last = n <= 0 || (!byBuckets && n < batchRows);
      if (last) {
        break;
      }
      Thread.sleep(pauseMs);
    }
    return total;
  }

  private <R> R write(Function<Handle, R> op) throws InterruptedException {
    CompletableFuture<R> done = writer.submitBackground(op);
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new StoreException("retention delete failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
