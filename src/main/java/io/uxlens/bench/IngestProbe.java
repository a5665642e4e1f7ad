package io.uxlens.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A steady Segment sender beside a query benchmark: one batch of {@value #BATCH} events every
 * {@value #PERIOD_MS} ms, each acknowledged durably, so the benchmark can print what dashboard load does to ingest
 * latency. Its events are named {@value #NAME} (no journey reads them) and dated a day before the store's newest
 * event, so they change neither attempts nor the ranges replayed.
 */
final class IngestProbe implements AutoCloseable {
  static final int BATCH = 50;
  static final long PERIOD_MS = 100;
  static final String NAME = "Bench Probe";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final long eventTime;
  private final List<Double> latencies = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int failures;
  private long sent;

  IngestProbe(URI base, long newestEventTime) {
    this.base = base;
    this.eventTime = newestEventTime - 86_400_000L;
    this.thread = new Thread(this::loop, "uxlens-bench-ingest-probe");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      try {
        long t0 = System.nanoTime();
        int status = http.send(HttpRequest.newBuilder(base.resolve("/v1/batch"))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(batch())).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
        synchronized (this) {
          if (status == 200) {
            latencies.add((System.nanoTime() - t0) / 1e6);
          } else {
            failures++;
          }
        }
        next += PERIOD_MS * 1_000_000L;
        long sleep = (next - System.nanoTime()) / 1_000_000L;
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        synchronized (this) {
          failures++;
        }
      }
    }
  }

  private String batch() {
    StringBuilder sb = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < BATCH; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"").append(NAME)
          .append("\",\"messageId\":\"probe-").append(System.nanoTime()).append('-').append(sent++)
          .append("\",\"userId\":\"bench-probe\",\"timestamp\":\"").append(Instant.ofEpochMilli(eventTime))
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  /** Latencies so far (ms, sorted) and clears them, so each phase reports its own. */
  synchronized double[] drain() {
    double[] out = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    latencies.clear();
    return out;
  }

  synchronized int failures() {
    return failures;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
