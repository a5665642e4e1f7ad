package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;

/**
 * After an import, waits until the server's sessionizer has read everything stored by then, so the journey
 * dashboards include the imported history. Reads {@code sessionizer.head} and {@code sessionizer.cursor} from
 * {@code /api/v1/status} (arrival sequence numbers of events and spans) and shows its own progress.
 */
final class JourneyWait {
  /** How the wait ended: seconds taken, or why it could not tell. */
  record Outcome(boolean caughtUp, double seconds, String note) {}

  private static final long POLL_MS = 250;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI status;
  private final String readToken;

  JourneyWait(URI base, String readToken) {
    this.status = base.resolve("/api/v1/status");
    this.readToken = readToken == null || readToken.isBlank() ? null : readToken.strip();
  }

  Outcome await(Duration timeout, Progress.Mode mode, PrintStream err) throws InterruptedException {
    long start = System.nanoTime();
    JsonNode first = read();
    if (first == null || !first.has("sessionizer")) {
      return new Outcome(false, 0, "this server does not report sessionizer progress in /api/v1/status"
          + (readToken == null ? " (if it has a read token, pass it with --read-token)" : ""));
    }
    JsonNode head = first.path("sessionizer").path("head");
    long target = position(head);
    long from = position(first.path("sessionizer").path("cursor"));
    if (reached(first, head)) {
      return new Outcome(true, secondsSince(start), null);
    }
    Progress.Mode m = Progress.resolve(mode);
    try (ProgressBar bar = m == Progress.Mode.OFF ? null
        : Progress.build("journeys", m, target - from, " records", 1, err)) {
      while (System.nanoTime() - start < timeout.toNanos()) {
        JsonNode now = read();
        long at = now == null ? from : position(now.path("sessionizer").path("cursor"));
        if (bar != null) {
          bar.stepTo(Math.min(target - from, Math.max(0, at - from)));
        }
        if (now != null && reached(now, head)) {
          return new Outcome(true, secondsSince(start), null);
        }
        Thread.sleep(POLL_MS);
      }
    }
    return new Outcome(false, secondsSince(start), "the sessionizer had not caught up after " + timeout.toSeconds()
        + " s; journeys will include the history once it has");
  }

  private static boolean reached(JsonNode status, JsonNode head) {
    JsonNode cursor = status.path("sessionizer").path("cursor");
    return cursor.path("events").asLong() >= head.path("events").asLong()
        && cursor.path("spans").asLong() >= head.path("spans").asLong();
  }

  /** Events and spans read, by sequence: the sessionizer reads both; measurements come from Faro only. */
  private static long position(JsonNode n) {
    return n.path("events").asLong() + n.path("spans").asLong();
  }

  private JsonNode read() throws InterruptedException {
    try {
      HttpRequest.Builder get = HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(30)).GET();
      if (readToken != null) {
        get.header("Authorization", "Bearer " + readToken);
      }
      HttpResponse<String> r = client.send(get.build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Jsons.MAPPER.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
