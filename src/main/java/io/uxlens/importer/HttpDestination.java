package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Posts to the public ingest endpoints. Network errors, 502/503/504 and 429 are retried with exponential backoff
 * (honouring Retry-After); other 4xx are final. Whether retried or not, the server's dedupe by id makes a repeated
 * request count nothing twice.
 */
final class HttpDestination implements Destination {
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long MAX_RETRY_AFTER_MS = 300_000;

  private final HttpClient client;
  private final URI base;
  private final String authorization;
  private final int retries;
  private final BooleanSupplier stopping;
  private final Consumer<String> notices;

  HttpDestination(URI base, String writeKey, int retries, BooleanSupplier stopping, Consumer<String> notices) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    this.base = base;
    this.authorization = writeKey == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.retries = retries;
    this.stopping = stopping;
    this.notices = notices;
  }

  @Override
  public Answer send(Format format, List<RowMapper.Mapped> records) throws BatchRefused, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(format.path))
        .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Destination.body(format, records)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> r = exchange(request.build());
    JsonNode body = parse(r.body());
    if (r.statusCode() == 200) {
      if (format == Format.OTLP) {
        JsonNode partial = body.path("partialSuccess");
        return Answer.fromOtlp(records.get(0).units(), partial.path("rejectedSpans").asInt(0),
            partial.path("errorMessage").asText(null));
      }
      return Answer.fromItems(body);
    }
    if (r.statusCode() == 400 && body.path("rejected").isArray() && body.path("rejected").size() > 0) {
      return Answer.fromItems(body); // feedback: every item refused, each with its own field and rule
    }
    throw new BatchRefused(r.statusCode(), body.path("field").asText(null),
        body.path("error").asText("HTTP " + r.statusCode() + " " + abbreviate(r.body())));
  }

  /** One request, retried while the failure is temporary. */
  private HttpResponse<String> exchange(HttpRequest request) throws InterruptedException {
    long backoff = FIRST_BACKOFF_MS;
    for (int attempt = 0; ; attempt++) {
      String problem;
      long wait = backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        int s = r.statusCode();
        if (s != 429 && s != 502 && s != 503 && s != 504) {
          return r;
        }
        problem = "HTTP " + s;
        Long retryAfter = retryAfterMillis(r.headers().firstValue("Retry-After").orElse(null));
        if (retryAfter != null) {
          wait = retryAfter;
        }
      } catch (IOException e) {
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt >= retries) {
        throw new Unavailable(base + " still failing after " + (retries + 1) + " attempts (" + problem + ")");
      }
      if (stopping.getAsBoolean()) {
        throw new Unavailable("stopped while retrying (" + problem + ")");
      }
      notices.accept("retrying in " + wait + " ms: " + problem);
      sleepUnlessStopped(wait);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  /** Waits before a retry, but no longer once a stop is asked for (Ctrl-C should not sit out a long Retry-After). */
  private void sleepUnlessStopped(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!stopping.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    if (stopping.getAsBoolean()) {
      throw new Unavailable("stopped while waiting to retry");
    }
  }

  /** Retry-After in seconds (dates are rare from our server and treated as absent). */
  static Long retryAfterMillis(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Long.parseLong(value.strip()) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? Jsons.MAPPER.createObjectNode() : Jsons.MAPPER.readTree(body);
    } catch (IOException e) {
      return Jsons.MAPPER.createObjectNode();
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
