package io.uxlens.bench;

import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import io.uxlens.store.JourneyStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A long run at half the measured capacity ({@code uxlens bench soak}): first the capacity is measured (Segment
 * batches from four clients as fast as they are answered, on the same store), then ingest is paced at half of it
 * while a dashboard client runs panel queries, window after window. Each window reports p50/p99 of ingest and of
 * queries, the longest the sessionizer was behind (sampled with every query), heap after a full GC and resident
 * memory; the run is flat when the last window is no more than 20% worse than the second in p99 and in heap, and
 * journeys keep up: the sessionizer's lag in the last window is at most 5 s or 20% over the second's.
 */
public final class SoakBench {
  /**
   * One window: answers and latency percentiles (ms) of ingest and queries, errors, the sessionizer's longest lag
   * (s), heap after GC and RSS (MB).
   */
  public record Window(int index, int ingestAnswers, double ingestP50, double ingestP99, int queryAnswers,
                       double queryP50, double queryP99, long errors, double sessionizerLagSeconds,
                       long heapAfterGcMb, long rssMb) {}

  public record Result(double capacityEventsPerSecond, double targetEventsPerSecond, List<Window> windows) {
    /** Last window against the second (the first carries warm-up): p99 of ingest and queries, and heap. */
    public boolean flat() {
      if (windows.size() < 3) {
        return false;
      }
      Window second = windows.get(1);
      Window last = windows.get(windows.size() - 1);
      return last.ingestP99() <= 1.2 * second.ingestP99() && last.queryP99() <= 1.2 * second.queryP99()
          && last.heapAfterGcMb() <= 1.2 * second.heapAfterGcMb()
          && last.sessionizerLagSeconds() <= Math.max(5, 1.2 * second.sessionizerLagSeconds());
    }
  }

  private static final int BATCH = 100;
  private static final long START = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();
  private static final String[] STEPS = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};
  private static final String[] PANELS = {"journey.completion_rate", "journey.attempts", "journey.time_on_task",
      "journey.funnel", "feedback.nps"};

  private final int windows;
  private final Duration window;
  private final Duration capacityProbe;
  private final PrintStream out;

  public SoakBench(int windows, Duration window, Duration capacityProbe, PrintStream out) {
    if (windows < 3) {
      throw new IllegalArgumentException("at least 3 windows: the first warms up, the second is the baseline");
    }
    this.windows = windows;
    this.window = window;
    this.capacityProbe = capacityProbe;
    this.out = out;
  }

  public Result run(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(dir.resolve("soak.db")))) {
      JourneyStore journeys = new JourneyStore(server.store().jdbi());
      return run(server.uri(), () -> journeys.sessionizerLagMillis(System.currentTimeMillis()));
    }
  }

  private Result run(URI base, LongSupplier sessionizerLagMillis) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    AtomicLong ids = new AtomicLong();
    double capacity = capacity(http, base, ids);
    double target = capacity / 2;
    log("capacity %.0f events/s; soaking at %.0f events/s for %d windows of %d s", capacity, target, windows,
        window.toSeconds());
    AtomicReference<List<Long>> ingest = new AtomicReference<>(Collections.synchronizedList(new ArrayList<>()));
    AtomicReference<List<Long>> queries = new AtomicReference<>(Collections.synchronizedList(new ArrayList<>()));
    AtomicLong errors = new AtomicLong();
    AtomicLong lagMillis = new AtomicLong(); // the longest seen in the current window
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> running = new ArrayList<>();
    long batchIntervalNanos = (long) (BATCH / target * 1e9);
    for (int c = 0; c < 2; c++) {
      running.add(pool.submit(() -> {
        long next = System.nanoTime();
        while (!stop.get()) {
          next += 2 * batchIntervalNanos; // two clients share the rate
          timed(http, post(base, "/v1/batch", batch(ids, BATCH)), ingest.get(), errors);
          long wait = next - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          } else {
            next = System.nanoTime(); // behind: do not burst to catch up
          }
        }
        return null;
      }));
    }
    running.add(pool.submit(() -> {
      int i = 0;
      while (!stop.get()) {
        timed(http, post(base, "/grafana/query", query(PANELS[i++ % PANELS.length], ids.get())), queries.get(),
            errors);
        lagMillis.accumulateAndGet(sessionizerLagMillis.getAsLong(), Math::max);
        Thread.sleep(250);
      }
      return null;
    }));
    List<Window> done = new ArrayList<>();
    try {
      for (int w = 0; w < windows; w++) {
        Thread.sleep(window.toMillis());
        List<Long> in = copyOf(ingest.getAndSet(Collections.synchronizedList(new ArrayList<>())));
        List<Long> q = copyOf(queries.getAndSet(Collections.synchronizedList(new ArrayList<>())));
        Window result = new Window(w + 1, in.size(), OverloadBench.percentile(in, 0.5),
            OverloadBench.percentile(in, 0.99), q.size(), OverloadBench.percentile(q, 0.5),
            OverloadBench.percentile(q, 0.99), errors.getAndSet(0), lagMillis.getAndSet(0) / 1000.0,
            IngestBench.heapAfterGcMegabytes(), IngestBench.rssMegabytes());
        done.add(result);
        log("window %d: ingest p50 %.1f / p99 %.1f ms (%d), queries p50 %.1f / p99 %.1f ms (%d), errors %d, "
            + "sessionizer behind at most %.1f s, heap after GC %d MB, resident %d MB", result.index(),
            result.ingestP50(), result.ingestP99(), result.ingestAnswers(), result.queryP50(), result.queryP99(),
            result.queryAnswers(), result.errors(), result.sessionizerLagSeconds(), result.heapAfterGcMb(),
            result.rssMb());
      }
    } finally {
      stop.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
    }
    return new Result(capacity, target, done);
  }

  /**
   * A window's latencies, copied under the list's lock: a client that took the list before the swap may still be
   * adding its last answer to it (iterating it unlocked threw ConcurrentModificationException in a 10-minute run).
   */
  private static List<Long> copyOf(List<Long> synchronizedLatencies) {
    synchronized (synchronizedLatencies) {
      return new ArrayList<>(synchronizedLatencies);
    }
  }

  /** Events per second four clients get through, sending batches as fast as they are answered. */
  private double capacity(HttpClient http, URI base, AtomicLong ids) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicLong events = new AtomicLong();
    long end = System.nanoTime() + capacityProbe.toNanos();
    long start = System.nanoTime();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      clients.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          HttpResponse<String> r = http.send(post(base, "/v1/batch", batch(ids, 500)),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            events.addAndGet(500);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdownNow();
    return events.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void timed(HttpClient http, HttpRequest request, List<Long> latencies, AtomicLong errors)
      throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        latencies.add(System.nanoTime() - t0);
      } else {
        errors.incrementAndGet();
      }
    } catch (IOException e) {
      errors.incrementAndGet();
    }
  }

  private static HttpRequest post(URI base, String path, String body) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Import sessions of four steps, event time advancing with arrival (one second per event). */
  private static String batch(AtomicLong ids, int events) {
    StringBuilder sb = new StringBuilder(events * 200).append("{\"batch\":[");
    for (int i = 0; i < events; i++) {
      long id = ids.incrementAndGet();
      long session = id / STEPS.length;
      sb.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"soak-").append(id)
          .append("\",\"userId\":\"user-").append(session % 10_000).append("\",\"event\":\"")
          .append(STEPS[(int) (id % STEPS.length)]).append("\",\"timestamp\":\"")
          .append(Instant.ofEpochMilli(START + id * 1_000)).append("\",\"properties\":{\"session_id\":\"s-")
          .append(session).append("\"},\"context\":{\"app\":{\"version\":\"2.4.1\"}}}");
    }
    return sb.append("]}").toString();
  }

  /** A panel query over the last six hours of event time sent so far. */
  private static String query(String metric, long sent) {
    Instant to = Instant.ofEpochMilli(START + Math.max(sent, 1) * 1_000);
    Instant from = to.minus(Duration.ofHours(6));
    return "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},\"intervalMs\":60000,\"maxDataPoints\":500,"
        + "\"targets\":[{\"refId\":\"A\",\"target\":\"" + metric
        + "\",\"payload\":{\"journey\":\"inventory-import\"}}]}";
  }

  private void log(String format, Object... args) {
    if (out != null) {
      out.printf("soak: " + format + "%n", args);
    }
  }
}
