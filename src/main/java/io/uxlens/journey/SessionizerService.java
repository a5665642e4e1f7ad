package io.uxlens.journey;

import io.uxlens.store.Writer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sessionizer on its own thread: woken shortly after writer commits, at most once per
 * {@code minIntervalMs}, so an event shows up in attempts within about a second of its commit. Its own commits wake
 * it once more; that run finds nothing new and writes nothing, so it does not loop.
 */
public final class SessionizerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionizerService.class);
  private static final long IDLE_WAKE_MS = 5_000;

  private final Sessionizer sessionizer;
  private final long minIntervalMs;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private boolean pending = true;
  private volatile boolean running = true;
  private volatile long runs;

  public SessionizerService(Sessionizer sessionizer, Writer writer, long minIntervalMs) {
    this.sessionizer = sessionizer;
    this.minIntervalMs = minIntervalMs;
    writer.addListener((ops, nanos) -> poke());
    this.thread = new Thread(this::loop, "uxlens-sessionizer");
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

  /** Completed runs, for tests and status. */
  public long runs() {
    return runs;
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
        lastRun = System.currentTimeMillis();
        Sessionizer.RunStats stats = sessionizer.runOnce();
        runs++;
        if (!stats.idle()) {
          LOG.debug("sessionizer: {} sessions, {} attempts, {} events", stats.sessions(), stats.attempts(),
              stats.eventsRead());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the store may be closing or briefly unavailable; the cursor is unchanged so the next run redoes it
        if (running) {
          LOG.warn("sessionizer run failed; will retry", e);
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
