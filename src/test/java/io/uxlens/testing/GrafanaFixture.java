package io.uxlens.testing;

import io.uxlens.model.Annotation;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A small, fixed telemetry data set written at the store boundary (through the server's writer, as ingest does),
 * so Grafana endpoint tests do not depend on the ingest adapters. Hour from {@link #T0}, 10-minute buckets:
 * spans in buckets 0, 1 and 3 (bucket 2 empty), vitals in buckets 0 and 2, two annotations, eight exposures
 * (five of them JourneyTraffic's checkout users, so exp-checkout has attempts to compare);
 * feedback: NPS 10, 3 and 8 in bucket 0 (NPS 0), CSAT 5 and 2 in bucket 1 (CSAT 50%), a text in bucket 2, a
 * ticket in bucket 3 and a CES answer in bucket 4, with "payment page froze" three times in this sprint (which
 * runs 2025-12-29 to 2026-01-12 on the default calendar) and once in the previous one. Sentiment is not stored:
 * the read path scores it, as for feedback stored before ingest scored it. Journeys: {@link JourneyTraffic}'s
 * events from T0 in sessions of their own (no spans, so its correlation tables stay empty here); seeding waits
 * until the sessionizer has built their attempts.
 */
public final class GrafanaFixture {
  /** 2026-01-01T00:00:00Z. */
  public static final long T0 = 1_767_225_600_000L;
  public static final long MIN = 60_000L;
  public static final String FROM = "2026-01-01T00:00:00.000Z";
  public static final String TO = "2026-01-01T01:00:00.000Z";

  private GrafanaFixture() {}

  public static void seed(TestServer server) throws Exception {
    List<Event> events = new ArrayList<>();
    events.add(event("e1", "Page Viewed", T0 + MIN, "s1", "{}", "{\"app\":{\"version\":\"2.4.1\"},\"device\":{\"type\":\"desktop\"}}"));
    events.add(event("e2", "Page Viewed", T0 + 2 * MIN, "s2", "{}", "{\"app\":{\"version\":\"2.5.0\"},\"device\":{\"type\":\"mobile\"}}"));
    events.add(event("e3", "Experiment Viewed", T0 + 3 * MIN, "s1",
        "{\"experiment_id\":\"exp-checkout\",\"variant_id\":\"control\"}", "{\"app\":{\"version\":\"2.4.1\"}}"));
    events.add(event("e4", "Experiment Viewed", T0 + 4 * MIN, "s2",
        "{\"experiment_id\":\"exp-checkout\",\"variant_id\":\"one-page\"}", "{\"app\":{\"version\":\"2.5.0\"}}"));
    events.add(event("e5", "Experiment Viewed", T0 + 5 * MIN, "s2",
        "{\"experiment_id\":\"exp-search\",\"variant_id\":\"fuzzy\"}", "{\"app\":{\"version\":\"2.5.0\"}}"));

    List<Span> spans = new ArrayList<>();
    // bucket 0: checkout-api 10..100 ms (s1), one error; search-api 5 ms (s2)
    for (int i = 1; i <= 10; i++) {
      spans.add(span("c0-" + i, "s1", "checkout-api", "POST /cart", T0 + i * 30_000L, i * 10.0, i == 10 ? "error" : "ok",
          i == 10 ? 500 : 200));
    }
    spans.add(span("s0-1", "s2", "search-api", "GET /search", T0 + 2 * MIN, 5.0, "ok", 200));
    // bucket 1: checkout-api 200 ms twice (s2), both errors
    spans.add(span("c1-1", "s2", "checkout-api", "POST /cart", T0 + 11 * MIN, 200.0, "error", 502));
    spans.add(span("c1-2", "s2", "checkout-api", "POST /pay", T0 + 12 * MIN, 200.0, "error", 502));
    // bucket 3: search-api 40 ms (s1)
    spans.add(span("s3-1", "s1", "search-api", "GET /search", T0 + 35 * MIN, 40.0, "ok", 200));

    List<Measurement> vitals = new ArrayList<>();
    vitals.add(measurement("m1", "s1", "lcp", 1200, "ms", T0 + 2 * MIN));
    vitals.add(measurement("m2", "s2", "lcp", 3100, "ms", T0 + 3 * MIN));
    vitals.add(measurement("m3", "s1", "inp", 180, "ms", T0 + 4 * MIN));
    vitals.add(measurement("m4", "s1", "cls", 0.05, null, T0 + 5 * MIN));
    vitals.add(measurement("m5", "s2", "lcp", 2500, "ms", T0 + 25 * MIN));
    vitals.add(measurement("m6", "s2", "memory_mb", 300, "MB", T0 + 25 * MIN));

    List<Annotation> notes = List.of(
        new Annotation("a1", T0 + 15 * MIN, null, "Deploy checkout-api 2.5.0", "rolled out to 100%",
            "[\"deploy\",\"checkout\"]", "ci"),
        new Annotation("a2", T0 + 30 * MIN, T0 + 40 * MIN, "Incident: payment provider slow", null,
            "[\"incident\"]", "pagerduty"));

    List<Feedback> feedback = feedback();
    // journeys: new sessions, no spans
    RecordBatch.EMPTY.withEvents(JourneyTraffic.events(T0)).writeWith(server.server().writer()).join();
    server.server().writer().submit(h -> {
      for (Event e : events) {
        h.createUpdate("INSERT INTO events (id, source, type, name, ts, received_at, user_id, anonymous_id,"
            + " session_id, properties, context) VALUES (:id, :source, :type, :name, :timestamp, :receivedAt,"
            + " :userId, :anonymousId, :sessionId, :properties, :context)").bindMethods(e).execute();
      }
      spans.forEach(s -> insert(h, s));
      for (Measurement m : vitals) {
        h.createUpdate("INSERT INTO measurements (id, session_id, name, value, unit, ts, context)"
            + " VALUES (:id, :sessionId, :name, :value, :unit, :timestamp, :context)").bindMethods(m).execute();
      }
      ExposureStore.insert(h, List.of(
          new Exposure("exp-checkout", "control", "user-s1", "s1", T0 + 3 * MIN),
          new Exposure("exp-checkout", "one-page", "user-s2", "s2", T0 + 4 * MIN),
          new Exposure("exp-search", "fuzzy", "user-s2", "s2", T0 + 5 * MIN),
          // JourneyTraffic's checkout users, each exposed before its attempt: control c1, c3, c5 (2 of 3
          // completed), one-page c2, c4 (1 of 2 completed)
          new Exposure("exp-checkout", "control", "user-c1", "c1", T0),
          new Exposure("exp-checkout", "one-page", "user-c2", "c2", T0 + MIN),
          new Exposure("exp-checkout", "control", "user-c3", "c3", T0 + 4 * MIN),
          new Exposure("exp-checkout", "one-page", "user-c4", "c4", T0 + 10 * MIN),
          new Exposure("exp-checkout", "control", "user-c5", "c5", T0 + 20 * MIN)));
      for (Annotation a : notes) {
        h.createUpdate("INSERT INTO annotations (id, ts, ts_end, title, text, tags, source)"
            + " VALUES (:id, :time, :timeEnd, :title, :text, :tags, :source)").bindMethods(a).execute();
      }
      for (Feedback f : feedback) {
        h.createUpdate("INSERT INTO feedback (id, kind, score, text, user_id, session_id, journey, ts, sentiment,"
            + " tags, source) VALUES (:id, :kind, :score, :text, :userId, :sessionId, :journey, :timestamp,"
            + " :sentiment, :tags, :source)").bindMethods(f).execute();
      }
      return null;
    }).get();
    JourneyTraffic.awaitAttempts(server, T0);
  }

  /** The feedback rows described above. */
  public static List<Feedback> feedback() {
    return List.of(
        fb("f1", "nps", 10.0, "Love the new checkout", "s1", "checkout", T0 + MIN),
        fb("f2", "nps", 3.0, "Checkout is slow and the payment page froze. Call me at +1 555 123 4567", "s2",
            "checkout", T0 + 2 * MIN),
        fb("f3", "nps", 8.0, null, "s1", "search", T0 + 3 * MIN),
        fb("f4", "csat", 5.0, null, "s1", "checkout", T0 + 12 * MIN),
        fb("f5", "csat", 2.0, "Payment page froze twice", "s2", "checkout", T0 + 13 * MIN),
        fb("f6", "text", null, "Search results are wrong, terrible", "s2", "search", T0 + 25 * MIN),
        fb("f7", "ticket", null, "Payment page froze again, card 4111 1111 1111 1111 charged twice."
            + " Mail jane.doe@example.com", "s2", "checkout", T0 + 35 * MIN),
        fb("f8", "ces", 2.0, null, "s1", null, T0 + 45 * MIN),
        fb("f0", "ticket", null, "Payment page froze on submit", "s2", "checkout", T0 - 5 * 24 * 60 * MIN));
  }

  private static Feedback fb(String id, String kind, Double score, String text, String session, String journey,
      long ts) {
    return new Feedback(id, kind, score, text, "user-" + session, session, journey, ts, null, "[]", "api");
  }

  private static void insert(Handle h, Span s) {
    h.createUpdate("INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, service, name, kind, start_ms,"
        + " duration_ms, status, http_status, db_system, attributes) VALUES (:traceId, :spanId, :parentSpanId,"
        + " :sessionId, :service, :name, :kind, :start, :durationMs, :status, :httpStatus, :dbSystem, :attributes)")
        .bindMethods(s).execute();
  }

  private static Event event(String id, String name, long ts, String session, String props, String context) {
    return new Event(id, "segment", "track", name, ts, ts, "user-" + session, null, session, props, context);
  }

  private static Span span(String id, String session, String service, String name, long start, double ms,
      String status, int http) {
    return new Span("trace-" + id, id, null, session, service, name, "server", start, ms, status, http, null,
        "{\"http.route\":\"" + name.substring(name.indexOf(' ') + 1) + "\"}");
  }

  private static Measurement measurement(String id, String session, String name, double value, String unit,
      long ts) {
    return new Measurement(id, session, name, value, unit, ts, "{\"page\":{\"url\":\"https://shop.test/cart\"}}");
  }
}
