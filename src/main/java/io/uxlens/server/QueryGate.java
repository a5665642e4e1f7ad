package io.uxlens.server;

import io.uxlens.Refusal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the read queries Grafana sends on a small pool of their own, with a deadline and a bound on how many are
 * in hand at once. A query past {@code --query-timeout}, or whose client has closed the connection, is answered 503
 * naming it and interrupted; while it still holds its slot, new queries beyond the bound get a fast 503 with
 * Retry-After instead of piling up behind it, so a dashboard refreshing every 30 s cannot stack up work, and ingest
 * keeps the cores it needs.
 */
final class QueryGate implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueryGate.class);
  /** How often a running query asks whether its client is still there. */
  static final long CLIENT_CHECK_MS = 500;

  private final ExecutorService pool;
  private final Semaphore inHand;
  private final int limit;
  private final Duration timeout;

  QueryGate(int threads, int waiting, Duration timeout) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "uxlens-query-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.limit = threads + waiting;
    this.inHand = new Semaphore(limit);
    this.timeout = timeout;
  }

  /**
   * Pool size from the machine: the cores, at least two; up to 32 queries per core wait, so a page load (Grafana
   * sends every panel's query at once, 29 on the overview dashboard) and a few users at a time are all answered,
   * while a pile of abandoned slow queries still meets the bound.
   */
  static QueryGate forMachine(Duration timeout) {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new QueryGate(threads, 32 * threads, timeout);
  }

  /**
   * Answers {@code query} within the deadline ({@code what} names it in a refusal: "journey.kpis"), and stops it
   * early once {@code clientGone} says its client has closed the connection (asked every {@value #CLIENT_CHECK_MS}
   * ms while the query runs, so a quick query never asks): nobody would read the answer, and a dashboard refreshing
   * faster than its queries answer would otherwise stack up work.
   */
  <T> T run(String what, Supplier<T> query, BooleanSupplier clientGone) {
    if (!inHand.tryAcquire()) {
      throw new Refusal(503, limit + " queries are already running or waiting; retry shortly (" + what + ")",
          null, Map.of("Retry-After", "1"));
    }
    Future<T> f;
    try {
      f = pool.submit(() -> {
        try {
          return query.get();
        } finally {
          inHand.release(); // only once the work really stops, so abandoned queries still count
        }
      });
    } catch (RuntimeException e) {
      inHand.release();
      throw e;
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          f.cancel(true);
          throw new Refusal(503, what + " did not finish within the query timeout of " + seconds()
              + " (--query-timeout); narrow the time range or the split, or raise the timeout", null,
              Map.of("Retry-After", "5"));
        }
        try {
          return f.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CLIENT_CHECK_MS)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (clientGone.getAsBoolean()) {
            f.cancel(true);
            LOG.info("stopped {} after {} ms: its client closed the connection", what,
                (System.nanoTime() - start) / 1_000_000);
            throw new Refusal(503, what + " was stopped: the client closed the connection before it was answered",
                null, Map.of("Retry-After", "1"));
          }
        }
      }
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new Refusal(503, what + " was interrupted: the server is stopping", null, Map.of("Retry-After", "1"));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(what + " failed", e.getCause());
    }
  }

  private String seconds() {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
