package io.uxlens.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code uxlens serve} processes, each in its own JVM, on one database: what an operator runs behind a balancer. */
final class Instances implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  record Instance(Process process, Path log, URI uri) {}

  private final List<Instance> all = new ArrayList<>();

  /** Starts {@code n} instances on {@code db} and waits until each listens. */
  static Instances start(int n, String db, Path dir) throws Exception {
    Instances instances = new Instances();
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path log = dir.resolve("instance-" + i + ".log");
      processes.add(io.uxlens.testing.ServeProcess.start(db, log));
      logs.add(log);
    }
    for (int i = 0; i < n; i++) {
      instances.all.add(new Instance(processes.get(i), logs.get(i), awaitListening(processes.get(i), logs.get(i))));
    }
    return instances;
  }

  List<Instance> all() {
    return all;
  }

  List<Instance> alive() {
    return all.stream().filter(i -> i.process().isAlive()).toList();
  }

  /** The instances that say they lead now (status {@code store.leader}). */
  List<Instance> leaders() throws InterruptedException {
    List<Instance> out = new ArrayList<>();
    for (Instance i : alive()) {
      JsonNode s = status(i);
      if (s != null && s.path("store").path("leader").asBoolean()) {
        out.add(i);
      }
    }
    return out;
  }

  /** Waits until exactly one live instance leads; returns it, or null after {@code timeoutMs}. */
  Instance awaitOneLeader(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      List<Instance> leaders = leaders();
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(100);
    }
    return null;
  }

  static JsonNode status(Instance i) throws InterruptedException {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(i.uri().resolve("/api/v1/status"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static URI awaitListening(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("instance did not start:\n" + Files.readString(log));
  }

  @Override
  public void close() {
    for (Instance i : all) {
      i.process().destroyForcibly();
    }
    for (Instance i : all) {
      try {
        i.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
