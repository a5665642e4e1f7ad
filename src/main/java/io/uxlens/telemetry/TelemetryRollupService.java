package io.uxlens.telemetry;

import io.uxlens.store.Writer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TelemetryRollups} on its own thread, woken after writer commits and at most once per
 * {@code minIntervalMs}; a run that finds nothing new writes nothing, so its own commit does not make it loop.
 */
public final class TelemetryRollupService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryRollupService.class);

  private final TelemetryRollups rollups;
  private final long minIntervalMs;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;

  public TelemetryRollupService(TelemetryRollups rollups, Writer writer, long minIntervalMs) {
    this.rollups = rollups;
    this.minIntervalMs = minIntervalMs;
    writer.addListener((ops, nanos) -> {
      if (wake.availablePermits() == 0) {
        wake.release();
      }
    });
    this.thread = new Thread(this::loop, "uxlens-telemetry-rollups");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    while (running) {
      try {
        long added = rollups.runOnce();
        if (added > 0) {
          LOG.debug("telemetry rollups: {} rows added", added);
        }
        Thread.sleep(minIntervalMs);
        wake.tryAcquire(5, TimeUnit.SECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the store may be closing or briefly unavailable; the cursor is unchanged so the next run redoes it
        if (running) {
          LOG.warn("telemetry rollup run failed; will retry", e);
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
