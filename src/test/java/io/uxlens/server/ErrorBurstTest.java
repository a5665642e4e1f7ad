package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout error burst ingested as Segment batches over HTTP shows up twice: as a spike annotation from the
 * {@code annotations} metric and in the Prometheus error counters on /metrics.
 *
 * <pre>
 * hours 0-7   30 checkouts an hour, all completed; Payment Declined (after the payment step) in 1,0,2,1,1,0,1,2
 *             of them: error rates 0..6.7%
 * hour 8      30 checkouts: 24 hit Checkout Error after Checkout Started and abandon, 6 complete: 80%
 * hour 9      30 clean checkouts (recovery; they also close hour 8's abandoned attempts)
 * </pre>
 * By hand, with the detector's defaults (hour buckets: 30 an hour is the only grain with >= 20 attempts per window,
 * 6+ baseline buckets):
 * hour 8's baseline is hours 0-7, rates {0,0,1,1,1,1,2,2}/30: median 1/30 = 3.3%, MAD 1/60, scale
 * 1.4826/60 = 0.02471; z = (0.8 - 1/30) / 0.02471 = 31.0. Hour 7: baseline hours 0-6, z = (2/30 - 1/30) /
 * 0.02471 = 1.35, no spike; hour 9 has rate 0.
 */
class ErrorBurstTest {
  static final long H0 = Instant.parse("2026-04-10T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final int[] BASELINE_ERRORS = {1, 0, 2, 1, 1, 0, 1, 2};

  @TempDir static Path dir;
  static TestServer server;
  static String before;

  @BeforeAll
  static void ingest() throws Exception {
    server = TestServer.start(dir);
    before = server.get("/metrics").text();
    List<String> events = new ArrayList<>();
    for (int h = 0; h < 10; h++) {
      for (int j = 0; j < 30; j++) {
        String s = "h" + h + "-" + j;
        long t = H0 + h * HOUR + j * 120_000L;
        events.add(track(s, "Cart Viewed", t, "{}"));
        events.add(track(s, "Checkout Started", t + 10_000, "{}"));
        if (h == 8 && j < 24) {
          events.add(track(s, "Checkout Error", t + 15_000, "{\"code\":\"gateway_timeout\"}"));
          continue;
        }
        events.add(track(s, "Checkout Step Completed", t + 20_000, "{\"step\":1}"));
        events.add(track(s, "Payment Info Entered", t + 30_000, "{}"));
        if (h < 8 && j < BASELINE_ERRORS[h]) {
          events.add(track(s, "Payment Declined", t + 35_000, "{}"));
        }
        events.add(track(s, "Order Completed", t + 40_000, "{}"));
      }
    }
    postInBatches(server, events);
    awaitFinished(300);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theBurstIsASpikeAnnotationJudgedAgainstTheHoursBeforeTheRange() throws Exception {
    // The range starts at the burst: the baseline comes from the 24 buckets before it.
    JsonNode rows = annotations(H0 + 8 * HOUR, H0 + 10 * HOUR, "");
    assertThat(rows).hasSize(1);
    JsonNode spike = rows.get(0);
    assertThat(spike.get("time").asLong()).isEqualTo(H0 + 8 * HOUR);
    assertThat(spike.get("timeEnd").asLong()).isEqualTo(H0 + 9 * HOUR);
    assertThat(spike.get("title").asText()).isEqualTo("Error-rate spike: Checkout");
    assertThat(spike.get("tags").asText()).isEqualTo("spike,error_rate,checkout");
    assertThat(spike.get("source").asText()).isEqualTo("uxlens-spikes");
    assertThat(spike.get("text").asText()).isEqualTo("80.0% of finished attempts had an error at the peak, against"
        + " a baseline of 3.3% (robust z 31.0, 30 finished attempts in the spike)");
    // the whole day: still exactly one, the baseline hours and the recovery are quiet
    assertThat(annotations(H0, H0 + 24 * HOUR, "")).hasSize(1);
    assertThat(annotations(H0, H0 + 8 * HOUR - 1, "")).isEmpty();
  }

  @Test
  void spikesFilterByJourneyTagSourceAndCanBeExcluded() throws Exception {
    long from = H0;
    long to = H0 + 10 * HOUR;
    assertThat(annotations(from, to, "&journey=checkout")).hasSize(1);
    assertThat(annotations(from, to, "&journey=onboarding")).isEmpty();
    assertThat(annotations(from, to, "&tag=spike")).hasSize(1);
    assertThat(annotations(from, to, "&tag=start")).isEmpty();
    assertThat(annotations(from, to, "&source=uxlens-spikes")).hasSize(1);
    assertThat(annotations(from, to, "&spikes=exclude")).isEmpty();
    assertThat(server.get("/api/v1/rows/annotations?from=" + from + "&to=" + to + "&spikes=sometimes").status())
        .isEqualTo(400);
  }

  @Test
  void theErrorCountersMoveOnMetrics() throws Exception {
    String abandoned = "uxlens_journey_outcomes_total{journey=\"checkout\",outcome=\"abandoned\"}";
    String after = server.get("/metrics").text();
    long deadline = System.nanoTime() + 10_000_000_000L; // counters move right after the sessionizer's commit
    while (value(after, abandoned) - value(before, abandoned) < 24 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      after = server.get("/metrics").text();
    }
    String burst = "uxlens_journey_errors_total{journey=\"checkout\",step=\"checkout\"}";
    String declined = "uxlens_journey_errors_total{journey=\"checkout\",step=\"payment\"}";
    assertThat(value(after, burst) - value(before, burst)).isEqualTo(24);
    assertThat(value(after, declined) - value(before, declined)).isEqualTo(8); // 1+0+2+1+1+0+1+2
    assertThat(value(after, abandoned) - value(before, abandoned)).isEqualTo(24);
    String attempts = "uxlens_journey_attempts_total{journey=\"checkout\"}";
    assertThat(value(after, attempts) - value(before, attempts)).isEqualTo(300);
  }

  static JsonNode annotations(long from, long to, String options) throws Exception {
    TestServer.Response r = server.get("/api/v1/rows/annotations?from=" + from + "&to=" + to + "&interval=3600000"
        + options);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("rows");
  }

  /** A sample's value in a text exposition; 0 when the series is not there yet. */
  static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** Posts Segment track events (JSON texts) to /v1/batch, 500 a batch. */
  static void postInBatches(TestServer server, List<String> events) throws Exception {
    for (int from = 0; from < events.size(); from += 500) {
      String batch = "{\"batch\":[" + String.join(",", events.subList(from, Math.min(events.size(), from + 500)))
          + "]}";
      assertThat(server.postJson("/v1/batch", batch).status()).isEqualTo(200);
    }
  }

  static String track(String session, String event, long ts, String props) {
    String p = props.equals("{}") ? "{\"session_id\":\"" + session + "\"}"
        : props.substring(0, props.length() - 1) + ",\"session_id\":\"" + session + "\"}";
    return "{\"type\":\"track\",\"userId\":\"user-" + session + "\",\"messageId\":\"" + session + "-"
        + event.replace(' ', '-') + "\",\"event\":\"" + event + "\",\"properties\":" + p + ",\"timestamp\":\""
        + Instant.ofEpochMilli(ts) + "\"}";
  }

  static void awaitFinished(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    List<Attempt> attempts = List.of();
    while (System.nanoTime() < deadline) {
      attempts = server.server().journeys().kpis().attempts("checkout", H0, H0 + 11 * HOUR, Map.of());
      if (attempts.size() == expected && attempts.stream().noneMatch(a -> a.outcome() == Outcome.IN_PROGRESS)) {
        // the spike scan runs on the sessionizer thread after the commit: a run of our own waits for it
        server.server().journeys().sessionizer().runOnce();
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + expected + " finished attempts, have " + attempts);
  }
}
