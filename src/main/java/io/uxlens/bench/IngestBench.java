package io.uxlens.bench;

import io.uxlens.ingest.SegmentCodec;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.server.Limits;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Ingest throughput over real HTTP (Segment batches, durable commit before each 200) against two baselines
 * measured in the same run on fresh stores of the same schema: the SQLite limit (plain JDBC batched inserts of the
 * same rows, 50,000 per transaction) and the same events written through the writer with no HTTP and no JSON. The
 * ratios say what the writer and the wire path cost.
 */
public final class IngestBench {
  public record Result(long events, double httpEventsPerSecond, double storeEventsPerSecond,
      double rawJdbcEventsPerSecond, double p50Millis, double p99Millis, long rssMegabytes,
      long heapAfterGcMegabytes, Cpu cpu, SessionizerLag lag, Map<String, Double> httpCpuByThread,
      double writerBusy) {}

  /**
   * How far the sessionizer was behind when the last batch was acknowledged (events it had not read yet) and how
   * long it then took to read them all: whether journeys keep up with ingest at this rate.
   */
  public record SessionizerLag(long eventsBehind, double catchUpMillis) {}

  /**
   * Process CPU seconds each stage used per 100,000 events (every thread: on the HTTP stage that includes the
   * bench's own clients and the server's background jobs). On a machine shared with other work the rates swing
   * with what else runs, while the CPU each event costs stays put: this says where the cost is.
   */
  public record Cpu(double rawJdbc, double store, double http, double decodeMicrosPerEvent) {}

  private static final int RAW_ROWS_PER_TRANSACTION = 50_000;

  private static final long START = java.time.Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

  private final int events;
  private final int batchSize;
  private final int clients;
  private final PrintStream out;
  private boolean warmUp;
  private int eventsPerSession = 1;

  public IngestBench(int events, int batchSize, int clients, PrintStream out) {
    if (events <= 0 || batchSize <= 0 || batchSize > Limits.SEGMENT_BATCH_EVENTS || clients <= 0) {
      throw new IllegalArgumentException("events and clients must be positive; batch between 1 and "
          + Limits.SEGMENT_BATCH_EVENTS);
    }
    this.events = events;
    this.batchSize = batchSize;
    this.clients = clients;
    this.out = out;
  }

  /**
   * Sends as many events as the run (at most {@value #WARM_UP_EVENTS}) through every stage first, unmeasured, on
   * stores of their own: the measured stages then compare code the JIT has compiled, as in a server that has been up
   * a while, rather than whichever stage pays for compiling the HTTP, JSON and sessionizer code. A fifth of the events
   * was not enough: C2 compiled through the measured HTTP stage and took a core from it.
   */
  public IngestBench warmingUp(boolean on) {
    this.warmUp = on;
    return this;
  }

  /**
   * About {@code n} events per session: each window of {@value #SESSION_WINDOW} events spreads over
   * {@value #SESSION_WINDOW} / n users, one session each (1: a user pool ten times the window, so sessions of about
   * one event).
   */
  public IngestBench eventsPerSession(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("events per session must be positive");
    }
    this.eventsPerSession = n;
    return this;
  }

  /** Events sent between new session ids for the same user. */
  static final int SESSION_WINDOW = 5_000;

  /** Events the warm-up sends at most. */
  public static final int WARM_UP_EVENTS = 200_000;

  /** Batches the warm-up sends (0 without one). */
  public int warmUpBatches() {
    int batches = (events + batchSize - 1) / batchSize;
    return warmUp ? Math.max(1, Math.min(batches, WARM_UP_EVENTS / batchSize)) : 0;
  }

  public Result run(Path workDir) throws Exception {
    return run(BenchTarget.sqlite(workDir));
  }

  /** The three stages, each on an empty store of {@code target}. */
  public Result run(BenchTarget target) throws Exception {
    List<String> bodies = bodies();
    List<List<Event>> decoded = decode(bodies);
    long events = (long) bodies.size() * batchSize;
    int warm = warmUpBatches();
    if (warm > 0) {
      RawInserts.eventsPerSecond(target.stage("warm-up-raw-jdbc"), decoded.subList(0, warm), RAW_ROWS_PER_TRANSACTION);
      baseline(target.stage("warm-up-baseline"), decoded.subList(0, warm));
      try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(target.stage("warm-up-http")))) {
        overHttp(List.of(server.uri()), bodies.subList(0, warm), new long[warm], clients, batchSize, out);
      }
    }
    long decodeStart = threadCpuNanos();
    decoded = decode(bodies); // again, timed: after the warm-up the codec's code is compiled
    long decodeNanos = threadCpuNanos() - decodeStart;
    long cpu0 = processCpuNanos();
    double rawRate = RawInserts.eventsPerSecond(target.stage("raw-jdbc"), decoded, RAW_ROWS_PER_TRANSACTION);
    long cpu1 = processCpuNanos();
    double storeRate = baseline(target.stage("baseline"), decoded);
    long cpu2 = processCpuNanos();
    String db = target.stage("http");
    long[] latencies = new long[bodies.size()];
    double httpRate;
    long cpu3;
    long cpu4;
    SessionizerLag lag;
    Map<String, Double> byThread;
    double writerBusy;
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(db))) {
      AtomicLong commitNanos = new AtomicLong();
      server.writer().addListener((operations, nanos) -> commitNanos.addAndGet(nanos));
      Map<String, Long> threads0 = ThreadCpu.snapshot();
      cpu3 = processCpuNanos();
      long wall0 = System.nanoTime();
      long busy0 = commitNanos.get();
      httpRate = overHttp(List.of(server.uri()), bodies, latencies, clients, batchSize, out);
      writerBusy = (commitNanos.get() - busy0) / (double) (System.nanoTime() - wall0);
      cpu4 = processCpuNanos();
      lag = sessionizerLag(new JourneyStore(server.store().jdbi()));
      // until journeys caught up: the sessionizer's work, and the writer's for it, for these events
      byThread = ThreadCpu.per100k(threads0, ThreadCpu.snapshot(), events);
    }
    return new Result(events, httpRate, storeRate, rawRate,
        percentile(latencies, 0.50), percentile(latencies, 0.99), rssMegabytes(), heapAfterGcMegabytes(),
        new Cpu(per100k(cpu1 - cpu0, events), per100k(cpu2 - cpu1, events), per100k(cpu4 - cpu3, events),
        decodeNanos / 1e3 / events), lag, byThread, writerBusy);
  }

  /** Waits (at most 10 minutes) for the sessionizer to read every stored event; how far behind it was. */
  private static SessionizerLag sessionizerLag(JourneyStore journeys) throws InterruptedException {
    long start = System.nanoTime();
    long head = journeys.headCursor().events();
    long behind = head - journeys.savedCursor().events();
    while (journeys.savedCursor().events() < head && System.nanoTime() - start < 600_000_000_000L) {
      Thread.sleep(20);
    }
    return new SessionizerLag(behind, (System.nanoTime() - start) / 1e6);
  }

  private static double per100k(long nanos, long events) {
    return nanos / 1e9 * 100_000 / events;
  }

  /** CPU time of the calling thread so far: what the codec costs, whatever else the machine runs. */
  private static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU time of every thread of this JVM so far (-1 where the JVM cannot tell). */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The bench's Segment batches (the same for every run with the same sizes). */
  List<String> bodies() {
    return batches(new Random(42));
  }

  int batchSize() {
    return batchSize;
  }

  int clients() {
    return clients;
  }

  /** The {@code q} quantile of request times, in ms (sorts the array). */
  static double percentile(long[] nanos, double q) {
    Arrays.sort(nanos);
    return nanos[(int) Math.max(0, Math.min(nanos.length - 1, Math.ceil(nanos.length * q) - 1))] / 1e6;
  }

  /** Pre-serialised Segment batches: a realistic mix of journey events with properties and context. */
  private List<String> batches(Random random) {
    String[] names = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed", "Row Rejected",
        "Checkout Started", "Payment Submitted", "Order Completed"};
    String[] versions = {"2.3.0", "2.4.0", "2.4.1"};
    List<String> out = new ArrayList<>();
    int made = 0;
    int users = eventsPerSession == 1 ? 10 * SESSION_WINDOW : Math.max(1, SESSION_WINDOW / eventsPerSession);
    while (made < events) {
      StringBuilder sb = new StringBuilder(batchSize * 300).append("{\"batch\":[");
      for (int i = 0; i < batchSize; i++, made++) {
        int user = random.nextInt(users);
        sb.append(i == 0 ? "" : ",")
            // random UUIDs, as analytics.js and the server libraries send: ids spread over the whole id index, which
            // makes each commit touch many more pages than increasing ids would ('bench-' marks the bench's rows)
            .append("{\"type\":\"track\",\"messageId\":\"bench-").append(new java.util.UUID(random.nextLong(),
                random.nextLong()))
            .append("\",\"userId\":\"user-").append(user)
            .append("\",\"event\":\"").append(names[random.nextInt(names.length)])
            // event time advances with arrival (10 ms apart), as live traffic does
            .append("\",\"timestamp\":\"").append(java.time.Instant.ofEpochMilli(START + made * 10L))
            .append("\",\"properties\":{\"session_id\":\"s-").append(user).append('-').append(made / SESSION_WINDOW)
            .append("\",\"rows\":").append(random.nextInt(100_000))
            .append("},\"context\":{\"app\":{\"version\":\"").append(versions[random.nextInt(3)])
            .append("\"},\"locale\":\"en-GB\",\"os\":{\"name\":\"macOS\"}}}");
      }
      out.add(sb.append("]}").toString());
    }
    return out;
  }

  /** The batches as the server's codec reads them, so every baseline writes exactly the rows HTTP ingest does. */
  private static List<List<Event>> decode(List<String> bodies) throws Exception {
    SegmentCodec codec = new SegmentCodec(Limits.SEGMENT_EVENT_BYTES, SegmentCodec.DEFAULT_SESSION_PATHS);
    List<List<Event>> decoded = new ArrayList<>();
    for (String body : bodies) {
      decoded.add(codec.decodeBatch(Json.MAPPER.readTree(body), 0, Limits.SEGMENT_BATCH_EVENTS).events());
    }
    return decoded;
  }

  private double baseline(String db, List<List<Event>> decoded) throws Exception {
    try (Store store = Store.open(db)) {
      Writer writer = new Writer(store.jdbi(), 4096);
      long start = System.nanoTime();
      List<Future<RecordBatch.Inserted>> pending = new ArrayList<>();
      for (List<Event> batch : decoded) {
        pending.add(RecordBatch.EMPTY.withEvents(batch).writeWith(writer));
      }
      for (Future<RecordBatch.Inserted> f : pending) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      writer.close();
      return decoded.size() * (double) batchSize / seconds;
    }
  }

  /** Sends every body once, {@code clients} at a time, client c to instance c modulo the instances; events/s. */
  static double overHttp(List<URI> instances, List<String> bodies, long[] latencies, int clients, int batchSize,
                         PrintStream out) throws Exception {
    HttpClient client = HttpClient.newBuilder().build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(bodies.size())
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
        .build()) {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        URI target = instances.get(c % instances.size()).resolve("/v1/batch");
        workers.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < bodies.size()) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
              throw new IllegalStateException("batch " + i + " answered " + r.statusCode() + ": " + r.body());
            }
            bar.step();
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
      return bodies.size() * (double) batchSize / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Heap in use right after a full collection: what the live data needs, whatever the -Xmx. */
  static long heapAfterGcMegabytes() {
    System.gc();
    java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
        .getHeapMemoryUsage();
    return heap.getUsed() / (1024 * 1024);
  }

  /** Resident set size of this JVM from /proc (Linux), or -1 elsewhere. */
  static long rssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: no figure
    }
    return -1;
  }
}
