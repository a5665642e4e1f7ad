package io.uxlens.query.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.JourneyTraffic;
import io.uxlens.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server fed {@link JourneyTraffic} through real ingest (OTLP/HTTP JSON spans first, then a Segment batch),
 * waiting for the background sessionizer until every attempt is visible and finished through the rows endpoint.
 */
final class JourneyServer {
  /** 2026-05-01T10:00:00Z. */
  static final long T0 = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();
  static final long MIN = 60_000L;
  static final long HOUR = 3_600_000L;
  /** Query parameters for the hour after T0 (its end inclusive, so 10-minute buckets give 7: 10:00 ... 11:00). */
  static final String HOUR_RANGE = "from=" + T0 + "&to=" + (T0 + HOUR);
  static final String ISO_FROM = "2026-05-01T10:00:00Z";
  static final String ISO_TO = "2026-05-01T11:00:00Z";

  private JourneyServer() {}

  /** Feeds a started server the traffic and waits for its attempts (a {@link TestServer.Seed}). */
  static void seed(TestServer s) throws Exception {
    TestServer.Response spans = s.postJson("/v1/traces", JourneyTraffic.otlpSpans(T0));
    assertThat(spans.status()).as(spans.text()).isEqualTo(200);
    TestServer.Response events = s.postJson("/v1/batch", JourneyTraffic.segmentBatch(T0));
    assertThat(events.status()).as(events.text()).isEqualTo(200);
    awaitAttempts(s);
  }

  /** Polls journey.attempts (one hour bucket) until checkout shows 5 finished attempts and the import 2. */
  private static void awaitAttempts(TestServer s) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      TestServer.Response r = s.get("/api/v1/rows/journey.attempts?" + HOUR_RANGE + "&interval=1h");
      last = r.text();
      if (r.status() == 200) {
        List<String> seen = new ArrayList<>();
        for (JsonNode row : r.json().get("rows")) {
          if (row.get("time").asLong() == T0) {
            seen.add(row.get("journey").asText() + " " + row.get("value").asLong() + " "
                + row.get("in_progress").asLong());
          }
        }
        if (seen.contains("checkout 5 0") && seen.contains("inventory-import 2 0")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("attempts not visible within 15 s: " + last);
  }

  /** POST /grafana/query for one target, 200 expected; the frames. */
  static JsonNode query(TestServer s, String target, String payload, String interval, String filters)
      throws Exception {
    String body = "{\"range\":{\"from\":\"" + ISO_FROM + "\",\"to\":\"" + ISO_TO + "\"},\"intervalMs\":" + interval
        + ",\"maxDataPoints\":1000,\"targets\":[{\"refId\":\"A\",\"target\":\"" + target + "\",\"payload\":"
        + payload + "}],\"filters\":" + filters + "}";
    TestServer.Response r = s.postJson("/grafana/query", body);
    assertThat(r.status()).as(target + " " + payload + " " + filters + ": " + r.text()).isEqualTo(200);
    return r.json();
  }

  /** GET /api/v1/rows/{metric}?{params}, 200 expected; the rows. */
  static JsonNode rows(TestServer s, String metric, String params) throws Exception {
    TestServer.Response r = s.get("/api/v1/rows/" + metric + "?" + params);
    assertThat(r.status()).as(metric + "?" + params + ": " + r.text()).isEqualTo(200);
    assertThat(r.json().get("metric").asText()).isEqualTo(metric);
    return r.json().get("rows");
  }

  /** A frame's field values as Java objects (null kept). */
  static List<Object> values(JsonNode frame, String field) {
    for (JsonNode f : frame.get("fields")) {
      if (f.get("name").asText().equals(field)) {
        List<Object> out = new ArrayList<>();
        f.get("values").forEach(v -> out.add(v.isNull() ? null : v.isTextual() ? v.asText() : v.asDouble()));
        return out;
      }
    }
    throw new AssertionError("no field " + field + " in " + frame);
  }

  static JsonNode field(JsonNode frame, String field) {
    for (JsonNode f : frame.get("fields")) {
      if (f.get("name").asText().equals(field)) {
        return f;
      }
    }
    throw new AssertionError("no field " + field + " in " + frame);
  }
}
