package io.uxlens.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated session being written: tracks, requests with their database spans, page vitals and feedback,
 * all carrying the session id so UX Lens can join them. Scripts call it in story order; {@link #records()}
 * returns them by time.
 */
final class Session {
  /** Share of sessions whose browser telemetry is kept, as Faro's session sampling does in production. */
  static final double FARO_SAMPLING = 0.35;

  final SplittableRandom rng;
  final String id;
  final Users.User user;
  final DemoRecord.Client client;
  final DemoTimeline timeline;
  final String journey;
  private final List<DemoRecord> out = new ArrayList<>();
  private int events;
  private int feedback;
  private final boolean sampled;

  Session(SplittableRandom rng, String id, Users.User user, String appVersion, DemoTimeline timeline,
          String journey) {
    this.rng = rng;
    this.id = id;
    this.user = user;
    this.client = new DemoRecord.Client(appVersion, user.device(), user.os(), user.country(), user.locale());
    this.timeline = timeline;
    this.journey = journey;
    this.sampled = rng.nextDouble() < FARO_SAMPLING;
  }

  /** A track event; {@code kv} are property names and values, in order. */
  void track(long t, String name, Object... kv) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("session_id", id);
    for (int i = 0; i < kv.length; i += 2) {
      props.put((String) kv[i], kv[i + 1]);
    }
    out.add(new DemoRecord.Track(t, id + "-e" + events++, user.id(), id, name, props, client));
  }

  /** A server span for an HTTP request; returns it so database spans can hang below it. */
  DemoRecord.SpanRecord request(long t, String service, String method, String route, double ms, int status) {
    DemoRecord.SpanRecord s = new DemoRecord.SpanRecord(t, hex(2), hex(1), null, id, service, method + " " + route,
        "server", round(ms), status >= 500, status, null, route, client);
    out.add(s);
    return s;
  }

  /** A database span inside {@code parent}, starting a little after it. */
  void db(DemoRecord.SpanRecord parent, String statement, double ms) {
    long start = parent.time() + Math.min(5, (long) (parent.durationMs() / 10));
    out.add(new DemoRecord.SpanRecord(start, parent.traceId(), hex(1), parent.spanId(), id, parent.service(),
        statement, "client", round(Math.min(ms, parent.durationMs())), false, null, "postgresql", null, client));
  }

  /** Web vitals of a page view; {@code slow} scales the timings (mobile, big pages). */
  void vitals(long t, String page, double slow) {
    if (!sampled) {
      return;
    }
    double device = client.device().equals("mobile") ? 1.5 : 1.0;
    double lcp = logNormal(1700 * device * slow, 0.35);
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("lcp", round(lcp));
    v.put("fcp", round(lcp * (0.45 + 0.15 * rng.nextDouble())));
    v.put("ttfb", round(lcp * (0.12 + 0.08 * rng.nextDouble())));
    v.put("inp", round(logNormal(110 * device * Math.sqrt(slow), 0.45)));
    v.put("cls", Math.round(logNormal(0.04, 0.7) * 1000) / 1000.0);
    v.put("render_ms", round(logNormal(90 * device * slow, 0.4)));
    v.put("memory_mb", round(logNormal(device > 1 ? 140 : 210, 0.25)));
    out.add(new DemoRecord.Vitals(t, id, user.id(), page, v, client));
  }

  void feedback(long t, String kind, Integer score, String text, String... tags) {
    out.add(new DemoRecord.FeedbackItem(t, "fb-" + id + "-" + feedback++, kind, score, text, user.id(), id,
        journey, List.of(tags)));
  }

  List<DemoRecord> records() {
    List<DemoRecord> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingLong(DemoRecord::time));
    return sorted;
  }

  boolean chance(double p) {
    return rng.nextDouble() < p;
  }

  /** A log-normal draw with the given median; sigma is the spread of its logarithm. */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * rng.nextGaussian());
  }

  /** A human delay in ms: log-normal around {@code medianSeconds}. */
  long think(double medianSeconds) {
    return Math.max(1_000, Math.round(logNormal(medianSeconds * 1000, 0.5)));
  }

  <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  private String hex(int longs) {
    StringBuilder b = new StringBuilder(16 * longs);
    for (int i = 0; i < longs; i++) {
      long v = rng.nextLong();
      String h = Long.toHexString(v == 0 ? 1 : v);
      b.append("0".repeat(16 - h.length())).append(h);
    }
    return b.toString();
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
