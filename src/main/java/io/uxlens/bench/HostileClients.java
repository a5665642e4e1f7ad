package io.uxlens.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Clients that attack with time and size rather than content: gzip bombs (a small body that inflates far past the
 * limit) and slow clients that trickle their headers or body a byte at a time. Part of {@code uxlens bench fuzz}.
 */
public final class HostileClients {
  /** One bomb: what was sent, what came back and how fast, against inflating it whole here (the baseline). */
  public record Bomb(String path, long wireBytes, long inflatedBytes, int status, String answer, double answerMs,
                     double inflateWholeMs) {}

  /** Trickling clients: how many the server cut off, the slowest cut-off, and a normal client's worst wait. */
  public record Trickle(String what, int clients, int cutOff, double slowestCutOffSeconds, String answers,
                        double normalWorstMs, int normalRequests, int normalFailures) {}

  private static final int BOMB_MEGABYTES = 64;

  private HostileClients() {}

  /** A 64 MB-of-zeros gzip body to each endpoint that inflates: every one must be refused with 413. */
  public static List<Bomb> gzipBombs(URI base) throws Exception {
    byte[] bomb = bomb();
    long t0 = System.nanoTime();
    long inflated = inflateWhole(bomb);
    double inflateMs = (System.nanoTime() - t0) / 1e6;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Bomb> out = new ArrayList<>();
    for (String[] target : new String[][] {{"/v1/batch", "application/json"}, {"/v1/traces", "application/json"},
        {"/v1/traces", "application/x-protobuf"}, {"/collect", "application/json"},
        {"/api/v1/feedback", "application/json"}, {"/grafana/query", "application/json"}}) {
      long s = System.nanoTime();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(target[0]))
          .header("Content-Type", target[1]).header("Content-Encoding", "gzip").timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)).build(), HttpResponse.BodyHandlers.ofString());
      out.add(new Bomb(target[0] + " (" + target[1] + ")", bomb.length, inflated, r.statusCode(), r.body(),
          (System.nanoTime() - s) / 1e6, inflateMs));
    }
    return out;
  }

  private static byte[] bomb() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1024 * 1024];
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      for (int i = 0; i < BOMB_MEGABYTES; i++) {
        z.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static long inflateWhole(byte[] gzip) throws IOException {
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
      }
    }
    return total;
  }

  /**
   * {@code clients} sockets trickle one byte every 200 ms, of their headers or of a declared 100 KB body, for at most
   * {@code max}; meanwhile a normal client sends a request every 100 ms. The server must cut every trickler off and
   * keep answering the normal client.
   */
  public static Trickle trickle(URI base, int clients, boolean headers, Duration max) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<double[]>> trickles = new ArrayList<>();
      List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < clients; i++) {
        trickles.add(pool.submit(() -> trickleOne(base, headers, max, answers)));
      }
      HttpClient normal = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      double worst = 0;
      int requests = 0;
      int failures = 0;
      while (trickles.stream().anyMatch(f -> !f.isDone())) {
        long s = System.nanoTime();
        try {
          HttpResponse<String> r = normal.send(HttpRequest.newBuilder(base.resolve("/v1/track"))
              .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"event\":\"Normal\",\"messageId\":\"n-"
                  + System.nanoTime() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
          failures += r.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
          failures++;
        }
        requests++;
        worst = Math.max(worst, (System.nanoTime() - s) / 1e6);
        Thread.sleep(100);
      }
      int cut = 0;
      double slowest = 0;
      for (Future<double[]> f : trickles) {
        double[] r = f.get();
        cut += r[0] > 0 ? 1 : 0;
        slowest = Math.max(slowest, r[1]);
      }
      String distinct = String.join("; ", new java.util.TreeSet<>(answers));
      return new Trickle(headers ? "headers" : "body", clients, cut, slowest, distinct, worst, requests, failures);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** [1 if the server ended it, seconds until then]. */
  private static double[] trickleOne(URI base, boolean headers, Duration max, List<String> answers) throws Exception {
    long start = System.nanoTime();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(200);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String head = "POST /v1/track HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n";
      out.write((headers ? head + "X-Trickle: " : head + "Content-Length: 100000\r\n\r\n{\"userId\":\"")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (System.nanoTime() - start < max.toNanos()) {
        try {
          out.write('a');
          out.flush();
        } catch (IOException closed) {
          return new double[] {1, (System.nanoTime() - start) / 1e9};
        }
        try {
          byte[] buf = new byte[512];
          int n = in.read(buf);
          if (n < 0) {
            return new double[] {1, (System.nanoTime() - start) / 1e9};
          }
          String answer = new String(buf, 0, n, StandardCharsets.US_ASCII);
          answers.add(answer.lines().findFirst().orElse(""));
          return new double[] {1, (System.nanoTime() - start) / 1e9};
        } catch (java.net.SocketTimeoutException nothingYet) {
          // the server is still waiting for us: trickle on
        } catch (IOException reset) {
          return new double[] {1, (System.nanoTime() - start) / 1e9};
        }
      }
    }
    return new double[] {0, (System.nanoTime() - start) / 1e9};
  }
}
