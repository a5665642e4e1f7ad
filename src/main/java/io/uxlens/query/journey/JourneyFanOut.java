package io.uxlens.query.journey;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The journeys of a {@code journey=all} table answered side by side: the query's own thread works through them and
 * helpers join in when they are free. One pool of cores - 1 threads serves every query, so the machine's queries
 * use at most one extra thread per spare core however many run; when every helper is busy the query's thread does
 * all the work itself, as it would alone, and never waits for a helper to start.
 */
final class JourneyFanOut {
  private static final int HELPER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  private static final ExecutorService HELPERS = helpers();

  private JourneyFanOut() {}

  private static ExecutorService helpers() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(HELPER_THREADS, r -> {
      Thread t = new Thread(r, "uxlens-query-helper-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** {@code work} of each item, in the items' order; the first failure is rethrown on the calling thread. */
  static <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (items.size() < 2) {
      return items.stream().map(work).toList();
    }
    Job<T, R> job = new Job<>(items, work);
    for (int i = Math.min(items.size() - 1, HELPER_THREADS); i > 0; i--) {
      try {
        HELPERS.execute(job::drain); // a helper that starts after every item is taken returns at once
      } catch (RejectedExecutionException e) {
        break; // shutting down: this thread does the rest
      }
    }
    job.drain();
    return job.results();
  }

  private static final class Job<T, R> {
    private final List<T> items;
    private final Function<T, R> work;
    private final Object[] results;
    private final Throwable[] failures;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done;

    Job(List<T> items, Function<T, R> work) {
      this.items = items;
      this.work = work;
      this.results = new Object[items.size()];
      this.failures = new Throwable[items.size()];
      this.done = new CountDownLatch(items.size());
    }

    /** Takes items until none is left (or the query was interrupted), on whichever thread calls it. */
    void drain() {
      int i;
      while (!stopped.get() && (i = next.getAndIncrement()) < items.size()) {
        try {
          results[i] = work.apply(items.get(i));
        } catch (Throwable t) {
          failures[i] = t;
        } finally {
          done.countDown();
        }
      }
    }

    @SuppressWarnings("unchecked")
    List<R> results() {
      try {
        done.await(); // items a helper took and is still answering
      } catch (InterruptedException e) {
        stopped.set(true);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the journeys were answered", e);
      }
      for (Throwable t : failures) {
        if (t instanceof RuntimeException r) {
          throw r;
        }
        if (t instanceof Error err) {
          throw err;
        }
      }
      return (List<R>) java.util.Arrays.asList(results);
    }
  }
}
