package io.uxlens.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a catch-up job (the sessionizer, the telemetry rollups) on its own thread: woken shortly after writer
 * commits, at most once per {@code minIntervalMs}, and every few seconds when idle. The job's own commits wake it
 * once more; that run finds nothing new and writes nothing, so it does not loop. A failed run is retried on the next
 * wake: jobs keep their cursor in the store, so a run that did not commit changed nothing.
 */
public final class CommitFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitFollower.class);
  private static final long IDLE_WAKE_MS = 5_000;

  private final String name;
  private final LongSupplier job;
  private final java.util.function.BooleanSupplier leads;
  private final long minIntervalMs;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private boolean pending = true;
  private volatile boolean running = true;

  /** {@code job} returns how much it did (for the debug log); 0 when it found nothing new. */
  public CommitFollower(String name, Writer writer, long minIntervalMs, LongSupplier job) {
    this(name, writer, minIntervalMs, Leadership.always(), job);
  }

  /**
   * Runs {@code job} only while {@code leadership} says this instance leads (several instances on one PostgreSQL
   * database); gaining it wakes the job at once, so a takeover does not wait for the idle wake.
   */
  public CommitFollower(String name, Writer writer, long minIntervalMs, Leadership leadership, LongSupplier job) {
    this.name = name;
    this.job = job;
    this.leads = leadership::isLeader;
    leadership.onGain(this::poke);
    this.minIntervalMs = minIntervalMs;
    writer.addListener((ops, nanos) -> poke());
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Asks for a run soon (called after each commit). */
  public void poke() {
    lock.lock();
    try {
      pending = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    long lastRun = 0;
    while (running) {
      try {
        lock.lock();
        try {
          if (!pending) {
            wake.await(IDLE_WAKE_MS, TimeUnit.MILLISECONDS);
          }
          pending = false;
        } finally {
          lock.unlock();
        }
        long wait = lastRun + minIntervalMs - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        if (!running) {
          return;
        }
        if (!leads.getAsBoolean()) {
          continue; // another instance runs it; the idle wake checks again
        }
        lastRun = System.currentTimeMillis();
        long done = job.getAsLong();
        if (done > 0) {
          LOG.debug("{}: {}", name, done);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the store may be closing or briefly unavailable; the cursor is unchanged so the next run redoes it
        if (running) {
          LOG.warn("{} run failed; will retry", name, e);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
