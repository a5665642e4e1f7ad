package io.uxlens.testing;

import io.uxlens.json.Json;
import io.uxlens.model.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small journey data set whose KPIs are worked out by hand in JourneyMetricsHttpTest, placed at any start time
 * t0 (an hour boundary): seven sessions of the default journeys, rendered as a Segment batch (for ingest) or as
 * event records (for fixtures written at the store boundary), plus one span per attempt as OTLP JSON.
 *
 * <pre>
 * session app    device   events (minutes after t0)                                 attempt
 * c1      2.4.1  desktop  checkout: cart 0, checkout 1, shipping 2, payment 3, order 4   completed, 240 s
 * c2      2.4.1  mobile   cart 2, checkout 2.5, Payment Declined 3, shipping 5, payment 6, order 8
 *                                                                                    completed with error, 360 s
 * c3      2.5.0  mobile   cart 5, checkout 6                                         abandoned
 * c4      2.5.0  desktop  cart 12, checkout 13, shipping 14, Checkout Error 15        abandoned with error
 * c5      2.5.0  desktop  cart 21, checkout 22, shipping 23, payment 24, order 26    completed, 300 s
 * i1      2.4.1  desktop  inventory-import: start 31, upload 32, mapping 33, done 35 completed, 240 s
 * i2      2.5.0  mobile   start 41, Row Rejected 42                                 abandoned with error
 * z       2.5.0  desktop  Page Viewed 110 (no journey: the newest event, so c3, c4 and i2 pass abandon_after)
 * spans (mean latency per attempt): c1 100 ms, c2 200 + 400 ms, c3 900 ms, c4 1200 ms, c5 200 ms, i1 50 ms,
 * i2 700 ms
 * </pre>
 */
public final class JourneyTraffic {
  private static final long MIN = 60_000L;

  private JourneyTraffic() {}

  private record Step(double minute, String event, Map<String, Object> properties) {}

  private record Session(String id, String app, String device, List<Step> steps) {}

  private static Step s(double minute, String event) {
    return new Step(minute, event, Map.of());
  }

  private static final Map<String, Object> STEP1 = Map.of("step", 1);

  private static List<Session> sessions() {
    return List.of(
        new Session("c1", "2.4.1", "desktop", List.of(s(0, "Cart Viewed"), s(1, "Checkout Started"),
            new Step(2, "Checkout Step Completed", STEP1), s(3, "Payment Info Entered"), s(4, "Order Completed"))),
        new Session("c2", "2.4.1", "mobile", List.of(s(2, "Cart Viewed"), s(2.5, "Checkout Started"),
            s(3, "Payment Declined"), new Step(5, "Checkout Step Completed", STEP1), s(6, "Payment Info Entered"),
            s(8, "Order Completed"))),
        new Session("c3", "2.5.0", "mobile", List.of(s(5, "Cart Viewed"), s(6, "Checkout Started"))),
        new Session("c4", "2.5.0", "desktop", List.of(s(12, "Cart Viewed"), s(13, "Checkout Started"),
            new Step(14, "Checkout Step Completed", STEP1), s(15, "Checkout Error"))),
        new Session("c5", "2.5.0", "desktop", List.of(s(21, "Cart Viewed"), s(22, "Checkout Started"),
            new Step(23, "Checkout Step Completed", STEP1), s(24, "Payment Info Entered"), s(26, "Order Completed"))),
        new Session("i1", "2.4.1", "desktop", List.of(s(31, "Import Started"), s(32, "File Uploaded"),
            s(33, "Columns Mapped"), s(35, "Import Completed"))),
        new Session("i2", "2.5.0", "mobile", List.of(s(41, "Import Started"), s(42, "Row Rejected"))),
        new Session("z", "2.5.0", "desktop", List.of(s(110, "Page Viewed"))));
  }

  /** The events as a Segment batch body (POST /v1/batch), session in properties.session_id. */
  public static String segmentBatch(long t0) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Session session : sessions()) {
      int n = 0;
      for (Step step : session.steps()) {
        Map<String, Object> props = new LinkedHashMap<>(step.properties());
        props.put("session_id", session.id());
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("type", "track");
        msg.put("userId", "user-" + session.id());
        msg.put("messageId", "jt-" + session.id() + "-" + n++);
        msg.put("event", step.event());
        msg.put("properties", props);
        msg.put("context", context(session));
        msg.put("timestamp", java.time.Instant.ofEpochMilli(time(t0, step)).toString());
        batch.add(msg);
      }
    }
    return Json.write(Map.of("batch", batch));
  }

  /** The same events as records, for fixtures that write at the store boundary. */
  public static List<Event> events(long t0) {
    List<Event> out = new ArrayList<>();
    for (Session session : sessions()) {
      int n = 0;
      for (Step step : session.steps()) {
        Map<String, Object> props = new LinkedHashMap<>(step.properties());
        props.put("session_id", session.id());
        long ts = time(t0, step);
        out.add(new Event("jt-" + session.id() + "-" + n++, "segment", "track", step.event(), ts, ts,
            "user-" + session.id(), null, session.id(), Json.write(props), Json.write(context(session))));
      }
    }
    return out;
  }

  /** One OTLP/HTTP JSON export (POST /v1/traces) with the spans listed above, each 30 s into its attempt. */
  public static String otlpSpans(long t0) {
    List<Object[]> spans = List.of(new Object[] {"c1", 0.5, 100}, new Object[] {"c2", 2.5, 200},
        new Object[] {"c2", 4.0, 400}, new Object[] {"c3", 5.5, 900}, new Object[] {"c4", 12.5, 1200},
        new Object[] {"c5", 21.5, 200}, new Object[] {"i1", 31.5, 50}, new Object[] {"i2", 41.5, 700});
    List<String> out = new ArrayList<>();
    int n = 1;
    for (Object[] sp : spans) {
      long startNs = (t0 + Math.round((Double) sp[1] * MIN)) * 1_000_000L;
      long endNs = startNs + ((Integer) sp[2]) * 1_000_000L;
      out.add(("{\"traceId\":\"%032x\",\"spanId\":\"%016x\",\"name\":\"POST /api\",\"kind\":2,"
          + "\"startTimeUnixNano\":\"%d\",\"endTimeUnixNano\":\"%d\",\"attributes\":[{\"key\":\"session.id\","
          + "\"value\":{\"stringValue\":\"%s\"}}],\"status\":{\"code\":1}}").formatted(n, n, startNs, endNs, sp[0]));
      n++;
    }
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"shop-api\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"test\"},\"spans\":["
        + String.join(",", out) + "]}]}]}";
  }

  /** Waits (up to 15 s) until the background sessionizer shows checkout's 5 and the import's 2 attempts finished. */
  public static void awaitAttempts(TestServer server, long t0) throws InterruptedException {
    var kpis = server.server().journeys().kpis();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (finished(kpis, "checkout", t0) == 5 && finished(kpis, "inventory-import", t0) == 2) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("journey attempts not built within 15 s");
  }

  private static long finished(io.uxlens.journey.JourneyKpis kpis, String journey, long t0) {
    return kpis.attempts(journey, t0, t0 + 60 * MIN, Map.of()).stream().filter(a -> a.outcome().finished()).count();
  }

  private static long time(long t0, Step step) {
    return t0 + Math.round(step.minute() * MIN);
  }

  /** Desktop sessions browse with Firefox, mobile ones with Safari on an iPhone (the browser dimension). */
  private static Map<String, Object> context(Session session) {
    return Map.of("app", Map.of("version", session.app()), "device", Map.of("type", session.device()),
        "userAgent", session.device().equals("mobile") ? IPHONE_SAFARI : DESKTOP_FIREFOX);
  }

  public static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
      + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  public static final String DESKTOP_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 "
      + "Firefox/133.0";
}
