package io.uxlens.demo;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo alive: every second new sessions start (at the wall clock time), and every record is sent when
 * its time comes, so a checkout started now completes a few minutes later, as a real one would.
 */
public final class LiveTraffic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);
  static final long MAX_CATCH_UP_MS = 10_000;

  private final DemoSender sender;
  private final DemoGenerator.Live live;
  private final double perSecond;
  private final LongSupplier clock;
  private final PriorityQueue<DemoRecord> queue = new PriorityQueue<>(Comparator.comparingLong(DemoRecord::time));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "uxlens-demo-live");
    t.setDaemon(true);
    return t;
  });
  private long last;

  public LiveTraffic(DemoSender sender, DemoGenerator.Live live, double perSecond, Collection<DemoRecord> backlog,
                     LongSupplier clock, long from) {
    this.sender = sender;
    this.live = live;
    this.perSecond = perSecond;
    this.clock = clock;
    this.queue.addAll(backlog);
    this.last = from;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::tickSafely, 0, 1, TimeUnit.SECONDS);
  }

  /** One step: start the sessions due since the last step, send what is due now. Returns records sent. */
  public synchronized int tick() throws InterruptedException {
    long now = clock.getAsLong();
    if (now > last) {
      // After a pause (a suspended laptop) start only the last few seconds' sessions, not a burst.
      queue.addAll(live.sessions(Math.max(last, now - MAX_CATCH_UP_MS), now, perSecond));
      last = now;
    }
    List<DemoRecord> due = new java.util.ArrayList<>();
    while (!queue.isEmpty() && queue.peek().time() <= now) {
      due.add(queue.poll());
    }
    if (!due.isEmpty()) {
      sender.send(due);
      sender.await();
    }
    return due.size();
  }

  public synchronized int pending() {
    return queue.size();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("live demo traffic: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
