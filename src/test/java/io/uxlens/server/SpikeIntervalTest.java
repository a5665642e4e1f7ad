package io.uxlens.server;

import static io.uxlens.server.ErrorBurstTest.track;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.correlate.SpikeDetector;
import io.uxlens.journey.KpiBucket;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One checkout a minute for 26 hours, 2% with an error (minutes m with m % 50 == 0), and a 30-minute burst at 60%
 * (20:15-20:45: 3 of every 5 minutes error), ingested over HTTP. The same incident must be the same annotation
 * whatever the panel's interval.
 *
 * <pre>
 * grain: finished attempts per window over the trailing day: 5 m -> 5, 15 m -> 15, 1 h -> 60; the smallest with
 *        >= 20 (the detector's minAttempts) is 1 h
 * hour 20: 18 burst errors + minutes 1200 and 1250 = 20 of 60 = 33.3%; earlier hours hold 1 or 2 errors (1.7% or
 *        3.3%): median <= 3.3%, MAD <= 1.7%, scale max(1.4826 x MAD, 0.01) <= 0.0247 -> z >= 12 > 3.5: one spike,
 *        [20:00, 21:00); hour 21 is back at 1 or 2 errors
 * </pre>
 */
class SpikeIntervalTest {
  static final long T0 = Instant.parse("2026-05-04T00:00:00Z").toEpochMilli();
  static final long MIN = 60_000L;
  static final long HOUR = 60 * MIN;
  static final int MINUTES = 26 * 60;
  static final int BURST = 20 * 60 + 15;

  @TempDir static Path dir;
  static TestServer server;

  static boolean error(int m) {
    return m >= BURST && m < BURST + 30 ? (m - BURST) % 5 < 3 : m % 50 == 0;
  }

  @BeforeAll
  static void ingest() throws Exception {
    server = TestServer.start(dir);
    List<String> events = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      String s = "m" + m;
      long t = T0 + m * MIN;
      events.add(track(s, "Cart Viewed", t, "{}"));
      events.add(track(s, "Checkout Started", t + 5_000, "{}"));
      if (error(m)) {
        events.add(track(s, "Checkout Error", t + 10_000, "{\"code\":\"gateway_timeout\"}"));
      }
      events.add(track(s, "Checkout Step Completed", t + 15_000, "{\"step\":1}"));
      events.add(track(s, "Payment Info Entered", t + 20_000, "{}"));
      events.add(track(s, "Order Completed", t + 25_000, "{}"));
    }
    ErrorBurstTest.postInBatches(server, events);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (finished() < MINUTES && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(finished()).isEqualTo(MINUTES);
    server.server().journeys().sessionizer().runOnce(); // waits for the spike scan of the last commit
  }

  static long finished() {
    return server.server().journeys().kpis().summary("checkout", T0, T0 + MINUTES * MIN, Optional.empty(), Map.of())
        .stream().mapToLong(KpiBucket::finished).sum();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theBurstIsOneIdenticalAnnotationAtEveryInterval() throws Exception {
    JsonNode hourly = annotations(T0, T0 + MINUTES * MIN, HOUR);
    assertThat(hourly).hasSize(1);
    assertThat(hourly.get(0).get("time").asLong()).isEqualTo(T0 + 20 * HOUR);
    assertThat(hourly.get(0).get("timeEnd").asLong()).isEqualTo(T0 + 21 * HOUR);
    assertThat(hourly.get(0).get("text").asText()).startsWith("33.3% of finished attempts had an error");
    for (long interval : new long[] {MIN, 5 * MIN, 24 * HOUR}) {
      assertThat(annotations(T0, T0 + MINUTES * MIN, interval)).as("interval " + interval).isEqualTo(hourly);
    }
    // an on-call panel zoomed on the burst sees the same one
    assertThat(annotations(T0 + 20 * HOUR + 20 * MIN, T0 + 20 * HOUR + 40 * MIN, MIN)).isEqualTo(hourly);
    assertThat(annotations(T0, T0 + 20 * HOUR - 1, MIN)).isEmpty();
  }

  @Test
  void atFiveMinuteBucketsTheBurstCannotBeJudged() {
    // the control, and why the grain comes from traffic: 5 attempts per 5 minutes never reach minAttempts 20, so a
    // detector run on the panel's 5 m buckets (what the annotations did before) finds nothing
    List<SpikeDetector.Bucket> buckets = new ArrayList<>();
    for (int b = 0; b < MINUTES / 5; b++) {
      int errors = 0;
      for (int m = 5 * b; m < 5 * b + 5; m++) {
        errors += error(m) ? 1 : 0;
      }
      buckets.add(new SpikeDetector.Bucket(T0 + b * 5 * MIN, 5, errors));
    }
    assertThat(new SpikeDetector(SpikeDetector.Params.DEFAULT).detect(buckets, 5 * MIN)).isEmpty();
  }

  static JsonNode annotations(long from, long to, long interval) throws Exception {
    TestServer.Response r = server.get("/api/v1/rows/annotations?from=" + from + "&to=" + to + "&interval="
        + interval);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("rows");
  }
}
