package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile input against every endpoint that takes any ({@code uxlens bench fuzz}): seeded cases derived from valid
 * bodies by {@link FuzzMutator}, sent over keep-alive HTTP to a server on a fresh store. Every answer must be a 2xx,
 * or a 4xx whose JSON names a field and a rule; never a 5xx. Every seed, unmutated, must be accepted (controls, also
 * one case in {@value #CONTROL_EVERY}), so a server that refused everything fails. What the 2xx answers say they
 * accepted must be what the store holds at the end: valid parts are stored, nothing counted twice.
 */
public final class FuzzBench {
  static final int CONTROL_EVERY = 100;

  /** Counts by status class and status, the controls, the slowest answer, failures, and accepted vs stored. */
  public record Result(int cases, int controls, Map<String, Integer> classes, Map<Integer, Integer> statuses,
                       long slowestMillis, String slowestCase, List<String> failures,
                       Map<String, Long> accepted, Map<String, Long> stored, int seeds, double seconds,
                       int retried, Map<String, Map<String, Integer>> byEndpoint) {}

  private static final List<String> KINDS = List.of("events", "measurements", "feedback", "annotations");

  private final int cases;
  private final long seed;
  private final int clients;
  private final PrintStream out;

  public FuzzBench(int cases, long seed, int clients, PrintStream out) {
    if (cases < 0 || clients < 1) {
      throw new IllegalArgumentException("cases must be 0 or more and clients at least 1");
    }
    this.cases = cases;
    this.seed = seed;
    this.clients = clients;
    this.out = out;
  }

  public Result run(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(dir.resolve("fuzz.db")))) {
      return run(server.uri());
    }
  }

  /** Runs against a server already started (its store should be fresh: stored counts are compared). */
  public Result run(URI base) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    List<FuzzSeeds.Seed> seeds = new ArrayList<>(FuzzSeeds.ingest());
    int ingestSeeds = seeds.size();
    HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(base.resolve("/grafana/metrics"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    seeds.addAll(FuzzSeeds.reads(Json.MAPPER.readTree(metrics.body())));

    Tally tally = new Tally();
    long start = System.nanoTime();
    // every seed once, unmutated, before anything hostile: the control that fails a server refusing everything
    for (int s = 0; s < seeds.size(); s++) {
      tally.check(send(client, base, FuzzMutator.make(seeds.get(s), -1 - s, new Random(seed + s), true)));
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < cases) {
            Random random = new Random(mix(seed, i));
            // half the cases on ingest seeds, half on reads, though reads have many more seeds (one per metric)
            FuzzSeeds.Seed chosen = random.nextBoolean() ? seeds.get(random.nextInt(ingestSeeds))
                : seeds.get(ingestSeeds + random.nextInt(seeds.size() - ingestSeeds));
            tally.check(send(client, base, FuzzMutator.make(chosen, i, random, i % CONTROL_EVERY == 0)));
            if (out != null && (i + 1) % 2_000 == 0) {
              out.printf("fuzz: %,d of %,d cases%n", i + 1, cases);
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> stored = stored(client, base);
    Map<String, Long> accepted = new TreeMap<>();
    KINDS.forEach(k -> accepted.put(k, tally.accepted.computeIfAbsent(k, x -> new AtomicLong()).get()));
    List<String> failures = new ArrayList<>(tally.failures);
    if (!accepted.equals(stored)) {
      failures.add("the 2xx answers accepted " + accepted + " but the store holds " + stored);
    }
    return new Result(cases + seeds.size(), tally.controls.get(), new TreeMap<>(tally.classes),
        new TreeMap<>(tally.statuses), tally.slowestNanos.get() / 1_000_000, tally.slowestCase, failures, accepted,
        stored, seeds.size(), seconds, tally.retried.get(), new TreeMap<>(tally.byEndpoint));
  }

  /**
   * A well-spread seed for case {@code i}: java.util.Random's first draws from consecutive seeds are nearly equal,
   * which would send every case to the same half of the seeds.
   */
  static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB93FE9CCD5DL;
    return z ^ (z >>> 33);
  }

  private record Answer(FuzzMutator.Request request, int status, String contentType, byte[] body, long nanos,
                        int retries) {}

  private static Answer send(HttpClient client, URI base, FuzzMutator.Request r) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.target())).timeout(Duration.ofSeconds(60));
    if (r.method().equals("GET")) {
      b.GET();
    } else {
      b.POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).header("Content-Type", r.contentType());
      if (r.gzip()) {
        b.header("Content-Encoding", "gzip");
      }
    }
    long t0 = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> answer = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
            answer.body(), System.nanoTime() - t0, attempt - 1);
      } catch (java.io.IOException e) {
        if (attempt < 2) {
          continue; // a pooled keep-alive connection the server had just closed: the client's race, try once more
        }
        // no answer twice (connection closed or reset): status 0, which the tally counts as a failure
        return new Answer(r, 0, "", String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            System.nanoTime() - t0, attempt - 1);
      }
    }
  }

  private static Map<String, Long> stored(HttpClient client, URI base) throws Exception {
    JsonNode counts = Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(base.resolve("/api/v1/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("counts");
    Map<String, Long> out = new TreeMap<>();
    KINDS.forEach(k -> out.put(k, counts.path(k).asLong()));
    return out;
  }

  /** What the answers added up to, checked one by one as they arrive. */
  private static final class Tally {
    final Map<String, Integer> classes = new ConcurrentHashMap<>();
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    final Map<String, Map<String, Integer>> byEndpoint = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger controls = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicLong slowestNanos = new AtomicLong();
    volatile String slowestCase = "";

    void check(Answer a) {
      classes.merge(a.status / 100 + "xx", 1, Integer::sum);
      byEndpoint.computeIfAbsent(a.request.label(), k -> new ConcurrentHashMap<>()).merge(a.status / 100 + "xx", 1,
          Integer::sum);
      retried.addAndGet(a.retries);
      statuses.merge(a.status, 1, Integer::sum);
      if (a.request.control()) {
        controls.incrementAndGet();
      }
      synchronized (this) {
        if (a.nanos > slowestNanos.get()) {
          slowestNanos.set(a.nanos);
          slowestCase = describe(a);
        }
      }
      String problem = problem(a);
      if (problem != null && failures.size() < 50) {
        failures.add(problem + ": " + describe(a) + " -> " + preview(a.body));
      }
    }

    private String problem(Answer a) {
      boolean ok = a.status >= 200 && a.status < 300;
      if (a.request.control() && !ok) {
        return "a valid seed was refused (" + a.status + ")";
      }
      if (!ok && (a.status < 400 || a.status >= 500)) {
        return "status " + a.status;
      }
      if (ok && a.contentType.startsWith("application/x-protobuf")) {
        return null;
      }
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(a.body);
      } catch (java.io.IOException e) {
        return "the answer is not JSON";
      }
      if (!ok) {
        if (body.path("error").asText("").isBlank() || body.path("field").asText("").isBlank()) {
          return a.status + " without both a field and a rule";
        }
        return null;
      }
      count(a.request.label(), body);
      return null;
    }

    private void count(String label, JsonNode body) {
      switch (label) {
        case "segment batch", "segment track", "segment identify" -> {
          add("events", body.path("accepted").asLong());
          add("feedback", body.path("feedback").path("accepted").asLong());
        }
        case "faro" -> {
          add("events", body.path("accepted").path("events").asLong());
          add("measurements", body.path("accepted").path("measurements").asLong());
        }
        case "feedback" -> add("feedback", body.path("accepted").asLong());
        case "annotations" -> add("annotations", body.path("accepted").asLong());
        default -> { }
      }
    }

    private void add(String kind, long n) {
      accepted.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n);
    }

    private static String describe(Answer a) {
      FuzzMutator.Request r = a.request;
      String target = r.target().length() > 160 ? r.target().substring(0, 160) + "..." : r.target();
      return r.label() + " " + r.method() + " " + target + " [" + r.mutations() + "] " + a.status + " in "
          + a.nanos / 1_000_000 + " ms";
    }

    private static String preview(byte[] body) {
      String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
      return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
  }
}
