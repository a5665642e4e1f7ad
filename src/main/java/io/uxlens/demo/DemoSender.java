package io.uxlens.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.uxlens.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends demo records to a UX Lens server through its real ingest endpoints, the way outside clients do: Segment
 * batches, OTLP protobuf exports, Faro payloads (as a browser page posts them: see {@link BrowserPage}), feedback
 * and annotation posts, all with the write key. Requests
 * run on a few threads; any refusal (an item rejected, a 4xx) fails the demo loudly, since it means the demo
 * and the server disagree about a wire format. 429/503 and connection failures are retried with backoff.
 */
public final class DemoSender implements AutoCloseable {
  static final int SEGMENT_BATCH = 500;
  static final int SEGMENT_BYTES = 400 * 1024;
  static final int OTLP_BATCH = 2_000;
  static final int FEEDBACK_BATCH = 500;
  private static final int RETRIES = 6;

  private final URI base;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool;
  private final Semaphore inFlight;
  private final List<Future<?>> pending = new ArrayList<>();
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
  private final java.util.Set<String> preflighted = new java.util.HashSet<>();

  public DemoSender(URI base, String writeKey, int threads) {
    this.base = base;
    this.authorization = writeKey == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "uxlens-demo-sender");
      t.setDaemon(true);
      return t;
    });
    this.inFlight = new Semaphore(threads * 4);
    for (String k : new String[] {"events", "spans", "measurements", "feedback", "annotations", "requests",
        "bytes"}) {
      counts.put(k, new AtomicLong());
    }
  }

  /** Queues the requests that carry {@code records}; {@link #await()} waits for them. */
  public void send(List<DemoRecord> records) throws InterruptedException {
    List<DemoRecord.Track> tracks = new ArrayList<>();
    List<DemoRecord.SpanRecord> spans = new ArrayList<>();
    Map<String, List<DemoRecord.Vitals>> pages = new LinkedHashMap<>();
    List<DemoRecord.FeedbackItem> feedback = new ArrayList<>();
    List<DemoRecord.Note> notes = new ArrayList<>();
    for (DemoRecord r : records) {
      if (r instanceof DemoRecord.Track t) {
        tracks.add(t);
      } else if (r instanceof DemoRecord.SpanRecord s) {
        spans.add(s);
      } else if (r instanceof DemoRecord.Vitals v) {
        pages.computeIfAbsent(v.sessionId(), k -> new ArrayList<>()).add(v);
      } else if (r instanceof DemoRecord.FeedbackItem f) {
        feedback.add(f);
      } else if (r instanceof DemoRecord.Note n) {
        notes.add(n);
      }
    }
    if (!notes.isEmpty()) {
      submit("/api/v1/annotations", "application/json", FeedbackWire.annotations(notes), "annotations",
          notes.size());
    }
    for (List<DemoRecord.Track> part : chunks(tracks, SEGMENT_BATCH)) {
      segment(part);
    }
    for (List<DemoRecord.SpanRecord> part : chunks(spans, OTLP_BATCH)) {
      submit("/v1/traces", "application/x-protobuf", OtlpWire.export(part), "spans", part.size());
    }
    for (List<DemoRecord.Vitals> session : pages.values()) {
      int values = session.stream().mapToInt(v -> v.values().size()).sum();
      submit("/collect", "application/json", FaroWire.payload(session), "measurements", values,
          BrowserPage.faroHeaders(session.get(0).sessionId()));
    }
    for (List<DemoRecord.FeedbackItem> part : chunks(feedback, FEEDBACK_BATCH)) {
      submit("/api/v1/feedback", "application/json", FeedbackWire.feedback(part), "feedback", part.size());
    }
  }

  /** A Segment batch, halved until it fits the 500 KB batch limit with room to spare. */
  private void segment(List<DemoRecord.Track> part) throws InterruptedException {
    byte[] body = SegmentWire.batch(part);
    if (body.length > SEGMENT_BYTES && part.size() > 1) {
      segment(part.subList(0, part.size() / 2));
      segment(part.subList(part.size() / 2, part.size()));
      return;
    }
    submit("/v1/batch", "application/json", body, "events", part.size());
  }

  /** Waits for every queued request; the first failure is thrown. */
  public void await() throws InterruptedException {
    List<Future<?>> all;
    synchronized (pending) {
      all = new ArrayList<>(pending);
      pending.clear();
    }
    for (Future<?> f : all) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new DemoException(e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** Records and requests sent so far, by kind (events, spans, measurements, feedback, annotations, requests). */
  public Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void submit(String path, String type, byte[] body, String kind, int items) throws InterruptedException {
    submit(path, type, body, kind, items, Map.of());
  }

  /** With {@code browser} headers (Origin...), the post is made as a page makes it: preflighted, CORS-checked. */
  private void submit(String path, String type, byte[] body, String kind, int items, Map<String, String> browser)
      throws InterruptedException {
    inFlight.acquire();
    Future<?> f = pool.submit(() -> {
      try {
        if (!browser.isEmpty()) {
          preflightOnce(path);
        }
        post(path, type, body, browser);
        counts.get(kind).addAndGet(items);
        counts.get("requests").incrementAndGet();
        counts.get("bytes").addAndGet(body.length);
      } finally {
        inFlight.release();
      }
      return null;
    });
    synchronized (pending) {
      pending.add(f);
    }
  }

  /** A browser asks once and caches the answer (Access-Control-Max-Age): so does the demo, per path. */
  private void preflightOnce(String path) throws IOException, InterruptedException {
    synchronized (preflighted) {
      if (preflighted.add(path)) {
        BrowserPage.checkPreflight(path, http.send(BrowserPage.preflight(base.resolve(path)),
            HttpResponse.BodyHandlers.discarding()));
      }
    }
  }

  private void post(String path, String type, byte[] body, Map<String, String> browser)
      throws InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    browser.forEach(req::header);
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    long backoff = 200;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> r;
      try {
        r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (attempt >= RETRIES) {
          throw new DemoException("POST " + path + " failed: " + e, e);
        }
        Thread.sleep(backoff);
        backoff *= 2;
        continue;
      }
      int status = r.statusCode();
      if ((status == 429 || status == 503) && attempt < RETRIES) {
        Thread.sleep(r.headers().firstValue("Retry-After").map(s -> parseSeconds(s) * 1000).orElse(backoff));
        backoff *= 2;
        continue;
      }
      check(path, status, r.body(), type.equals("application/x-protobuf"));
      if (!browser.isEmpty()) {
        BrowserPage.checkReadable(path, r);
      }
      return;
    }
  }

  /** A request the server did not take whole: the demo and the server disagree, which must not pass silently. */
  static void check(String path, int status, byte[] body, boolean protobuf) {
    if (status < 200 || status >= 300) {
      throw new DemoException("POST " + path + " answered " + status + ": "
          + new String(body, StandardCharsets.UTF_8));
    }
    try {
      if (protobuf) {
        ExportTraceServiceResponse r = ExportTraceServiceResponse.parseFrom(body);
        if (r.hasPartialSuccess() && r.getPartialSuccess().getRejectedSpans() > 0) {
          throw new DemoException("POST " + path + " rejected " + r.getPartialSuccess().getRejectedSpans()
              + " spans: " + r.getPartialSuccess().getErrorMessage());
        }
        return;
      }
      JsonNode reply = body.length == 0 ? null : Json.MAPPER.readTree(body);
      JsonNode rejected = reply == null ? null : reply.get("rejected");
      if (rejected != null && rejected.isArray() && !rejected.isEmpty()) {
        throw new DemoException("POST " + path + " rejected items: " + rejected);
      }
    } catch (IOException e) {
      throw new DemoException("POST " + path + " answered " + status + " with an unreadable body", e);
    }
  }

  private static long parseSeconds(String s) {
    try {
      return Math.max(1, Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      out.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
