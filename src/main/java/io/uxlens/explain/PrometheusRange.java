package io.uxlens.explain;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Range queries against Prometheus' HTTP API ({@code GET /api/v1/query_range}). A slow Prometheus never holds
 * other queries: each call has a timeout, at most {@code maxInFlight} run at once (more are refused at once with a
 * 503), and the HTTP client runs on its own small pool. Prometheus' refusals keep its own words: bad PromQL is a
 * 400 on {@code payload.promql}, an execution error (too many samples) a 422, anything else - down, unreachable,
 * too slow, overloaded - a 502 naming the server.
 */
public final class PrometheusRange implements AutoCloseable {
  /** One series of the answer: its labels and its points (epoch ms, value; non-finite values as null). */
  public record Series(Map<String, String> labels, List<Long> times, List<Double> values) {}

  private final URI base;
  private final Duration timeout;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final ExecutorService pool;
  private final HttpClient http;

  public PrometheusRange(URI base, Duration timeout, int maxInFlight) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.timeout = timeout;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "uxlens-prometheus-client");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(pool).build();
  }

  public URI base() {
    return base;
  }

  /** The series of {@code promql} at [start, end] every step, all in epoch milliseconds. */
  public List<Series> query(String promql, long startMs, long endMs, long stepMs) {
    if (!inFlight.tryAcquire()) {
      throw Refusal.unavailable("already " + maxInFlight + " queries waiting on Prometheus at " + base
          + "; retry shortly");
    }
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("api/v1/query_range?query="
          + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + seconds(startMs) + "&end="
          + seconds(endMs) + "&step=" + seconds(stepMs))).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return answer(r.statusCode(), r.body());
    } catch (HttpTimeoutException e) {
      throw new Refusal(502, "Prometheus at " + base + " did not answer within " + timeout.toMillis() / 1000.0
          + " s", null).because(e);
    } catch (IOException e) {
      throw new Refusal(502, "Prometheus at " + base + " is unreachable: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()), null).because(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Refusal.unavailable("interrupted while waiting for Prometheus");
    } finally {
      inFlight.release();
    }
  }

  private List<Series> answer(int status, byte[] body) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new Refusal(502, "Prometheus at " + base + " answered " + status + " without its JSON envelope", null);
    }
    if (status != 200 || !"success".equals(json.path("status").asText())) {
      String why = "Prometheus: " + json.path("errorType").asText("error") + ": " + json.path("error").asText();
      if (status == 400) {
        throw Refusal.badRequest("payload.promql", why);
      }
      if (status == 422) {
        throw new Refusal(422, why, "payload.promql");
      }
      throw new Refusal(502, why + " (HTTP " + status + " from " + base + ")", null);
    }
    JsonNode data = json.path("data");
    if (!"matrix".equals(data.path("resultType").asText())) {
      throw Refusal.badRequest("payload.promql", "the expression gives a " + data.path("resultType").asText()
          + ", not a range of samples; give an instant vector expression");
    }
    List<Series> out = new ArrayList<>();
    for (JsonNode s : data.path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<Long> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (JsonNode p : s.path("values")) {
        times.add(Math.round(p.get(0).asDouble() * 1000));
        values.add(number(p.get(1).asText()));
      }
      out.add(new Series(labels, times, values));
    }
    return out;
  }

  private static Double number(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null; // +Inf, -Inf
    }
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
