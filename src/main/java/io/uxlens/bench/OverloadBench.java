package io.uxlens.bench;

import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A burst far above capacity ({@code uxlens bench overload}): a probe client sends small Segment batches before, during
 * and after {@code clients} clients send large batches without pause. The burst must be answered 200 or a fast
 * 503/429 with Retry-After, never a timeout or another 5xx; the heap must stay bounded; after the burst the probe's
 * p99 must come back to what it was before (the baseline, measured in the same run).
 */
public final class OverloadBench {
  /** Latency percentiles of one phase, in ms, and how many answers they cover. */
  /** Latency of one phase's requests; with 70-odd probes p99 is their slowest, p90 what most of them saw. */
  public record Phase(int answers, double p50Ms, double p90Ms, double p99Ms) {}

  public record Result(Phase before, Phase probeDuring, Phase burst, Phase accepted, Phase refusals, Phase after,
                       long acceptedEvents,
                       Map<Integer, Long> statuses, long refusedWithoutRetryAfter, long timeouts, long ioErrors,
                       long heapBeforeMb, long heapMaxDuringMb, long heapAfterGcMb, long rssMb) {}

  private static final int PROBE_EVENTS = 50;
  private static final int BURST_EVENTS = 2_000;

  private final int clients;
  private final Duration burst;
  private final Duration probe;
  private final PrintStream out;

  public OverloadBench(int clients, Duration burst, Duration probe, PrintStream out) {
    this.clients = clients;
    this.burst = burst;
    this.probe = probe;
    this.out = out;
  }

  public Result run(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(dir.resolve("overload.db")))) {
      return run(server.uri());
    }
  }

  private Result run(URI base) throws Exception {
    HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI batch = base.resolve("/v1/batch");
    AtomicLong ids = new AtomicLong();
    probeFor(probeClient, batch, ids, Duration.ofSeconds(1), new ArrayList<>()); // warm up
    List<Long> before = new ArrayList<>();
    probeFor(probeClient, batch, ids, probe, before);
    long heapBefore = IngestBench.heapAfterGcMegabytes();
    log("before: p99 %.1f ms over %d probes", percentile(before, 0.99), before.size());

    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<Long> burstLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> refusalLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> acceptedLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong accepted = new AtomicLong();
    AtomicLong noRetryAfter = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong ioErrors = new AtomicLong();
    AtomicLong heapMax = new AtomicLong();
    long end = System.nanoTime() + burst.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    HttpClient burstClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          String body = body(ids, BURST_EVENTS);
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = burstClient.send(HttpRequest.newBuilder(batch).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - t0;
            statuses.merge(r.statusCode(), 1L, Long::sum);
            burstLatencies.add(nanos);
            if (r.statusCode() == 200) {
              acceptedLatencies.add(nanos);
              accepted.addAndGet(BURST_EVENTS);
            } else if (r.statusCode() == 503 || r.statusCode() == 429) {
              refusalLatencies.add(nanos);
              if (r.headers().firstValue("Retry-After").isEmpty()) {
                noRetryAfter.incrementAndGet();
              }
            }
          } catch (HttpTimeoutException e) {
            timeouts.incrementAndGet();
          } catch (IOException e) {
            ioErrors.incrementAndGet();
          }
        }
        return null;
      }));
    }
    List<Long> probeDuring = new ArrayList<>();
    Future<?> sampler = pool.submit(() -> {
      while (System.nanoTime() < end) {
        heapMax.accumulateAndGet(heapUsedMb(), Math::max);
        Thread.sleep(100);
      }
      return null;
    });
    probeFor(probeClient, batch, ids, burst, probeDuring);
    for (Future<?> w : workers) {
      w.get();
    }
    sampler.get();
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    log("burst: %s, %,d events accepted", new TreeMap<>(statuses), accepted.get());

    // latency is judged once the background jobs have read what the burst stored: a fixed 2 s wait sometimes
    // measured the sessionizer's catch-up of the burst instead
    long waitStart = System.nanoTime();
    DashboardStore.awaitSessionizer(base);
    log("background jobs caught up with the burst after %.1f s", (System.nanoTime() - waitStart) / 1e9);
    List<Long> after = new ArrayList<>();
    probeFor(probeClient, batch, ids, probe, after);
    return new Result(phase(before), phase(probeDuring), phase(burstLatencies), phase(acceptedLatencies),
        phase(refusalLatencies), phase(after),
        accepted.get(), new TreeMap<>(statuses), noRetryAfter.get(), timeouts.get(), ioErrors.get(), heapBefore,
        heapMax.get(), IngestBench.heapAfterGcMegabytes(), IngestBench.rssMegabytes());
  }

  /** Small batches one after another for {@code length}; latencies of the 200s (ns). */
  private static void probeFor(HttpClient client, URI batch, AtomicLong ids, Duration length, List<Long> latencies)
      throws Exception {
    long end = System.nanoTime() + length.toNanos();
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(batch).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(ids, PROBE_EVENTS))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        latencies.add(System.nanoTime() - t0);
      }
      Thread.sleep(20);
    }
  }

  private static String body(AtomicLong ids, int events) {
    StringBuilder sb = new StringBuilder(events * 230).append("{\"batch\":[");
    for (int i = 0; i < events; i++) {
      long id = ids.incrementAndGet();
      sb.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"o-").append(id)
          .append("\",\"userId\":\"user-").append(id % 5_000).append("\",\"event\":\"Import Started\",")
          .append("\"properties\":{\"session_id\":\"s-").append(id % 5_000).append("\",\"rows\":").append(id % 997)
          .append("},\"context\":{\"app\":{\"version\":\"2.4.1\"},\"locale\":\"en-GB\"}}");
    }
    return sb.append("]}").toString();
  }

  private static Phase phase(List<Long> nanos) {
    List<Long> copy;
    synchronized (nanos) {
      copy = new ArrayList<>(nanos);
    }
    return new Phase(copy.size(), percentile(copy, 0.5), percentile(copy, 0.9), percentile(copy, 0.99));
  }

  static double percentile(List<Long> nanos, double q) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] / 1e6;
  }

  private static long heapUsedMb() {
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private void log(String format, Object... args) {
    if (out != null) {
      out.printf("overload: " + format + "%n", args);
    }
  }
}
