package io.uxlens.bench;

import io.uxlens.model.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic journey traffic for the benchmark: sessions spread evenly over a time range, in time order (as live
 * traffic arrives), each trying inventory-import or checkout with realistic drop-off, errors and noise events.
 */
final class JourneyBenchData {
  private static final String[] IMPORT = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};
  private static final String[] CHECKOUT = {"Cart Viewed", "Checkout Started", "Checkout Step Completed",
      "Payment Info Entered", "Order Completed"};
  private static final String[] COUNTRIES = {"NL", "DE", "FR", "US", "GB"};
  private static final String[] VERSIONS = {"2.4.1", "2.5.0"};

  private final Random random;
  private int sessions;
  private long ids;

  JourneyBenchData(long seed) {
    this.random = new Random(seed);
  }

  /** About {@code events} events over [from, to). */
  List<Event> generate(long events, long from, long to) {
    List<Event> out = new ArrayList<>((int) Math.min(events + 16, Integer.MAX_VALUE));
    long expectedSessions = Math.max(1, events / 5);
    double spacing = (double) (to - from) / expectedSessions;
    long t = from;
    while (out.size() < events) {
      session(out, t);
      t = Math.min(to - 1, t + Math.max(1, (long) (spacing * 2 * random.nextDouble())));
    }
    return out;
  }

  /** One session starting at {@code t}: most get further than they stop; some hit errors. */
  void session(List<Event> out, long t) {
    String session = "bench-" + (sessions++);
    String context = "{\"app\":{\"version\":\"" + VERSIONS[random.nextInt(VERSIONS.length)]
        + "\"},\"location\":{\"country\":\"" + COUNTRIES[random.nextInt(COUNTRIES.length)] + "\"}}";
    boolean checkout = random.nextBoolean();
    String[] steps = checkout ? CHECKOUT : IMPORT;
    long time = t;
    for (int i = 0; i < steps.length; i++) {
      if (i > 0 && random.nextDouble() < 0.12) {
        break; // abandoned here
      }
      if (random.nextDouble() < 0.05) {
        out.add(event(session, checkout ? "Payment Declined" : "Import Failed", time, "{}", context));
      }
      String props = steps[i].equals("Checkout Step Completed") ? "{\"step\":1}" : "{}";
      out.add(event(session, steps[i], time, props, context));
      time += 5_000 + random.nextInt(120_000);
    }
    out.add(event(session, "Page Viewed", time, "{}", context)); // noise the sessionizer must skip
  }

  private Event event(String session, String name, long ts, String props, String context) {
    String properties = props.equals("{}") ? "{\"session_id\":\"" + session + "\"}"
        : props.substring(0, props.length() - 1) + ",\"session_id\":\"" + session + "\"}";
    return new Event("bench-e" + (ids++), "segment", "track", name, ts, ts, "user-" + session, null, session,
        properties, context);
  }
}
