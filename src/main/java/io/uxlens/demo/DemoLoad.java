package io.uxlens.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Loads the demo history into a running server through the sender, hour by hour. Records dated after the anchor
 * (sessions still going on "now") are not sent: they are handed back for the live traffic to send when due.
 */
public final class DemoLoad {
  private DemoLoad() {}

  /** What was loaded: sessions, records by kind, how long it took, and the records still in the future. */
  public record Result(long sessions, Map<String, Long> counts, long millis, List<DemoRecord> future) {}

  /** {@code progress} receives the number of simulated hours done after each hour is queued. */
  public static Result history(DemoSender sender, DemoGenerator generator, long now, int days, LongConsumer progress)
      throws InterruptedException {
    long started = System.nanoTime();
    List<DemoRecord> future = new ArrayList<>();
    long sessions = 0;
    Iterator<DemoGenerator.Hour> hours = generator.hours(now, days);
    while (hours.hasNext()) {
      DemoGenerator.Hour hour = hours.next();
      List<DemoRecord> due = new ArrayList<>(hour.records().size());
      Set<String> ids = new HashSet<>();
      for (DemoRecord r : hour.records()) {
        (r.time() <= now ? due : future).add(r);
        if (r.sessionId() != null) {
          ids.add(r.sessionId());
        }
      }
      sessions += ids.size();
      sender.send(due);
      progress.accept(hour.index() + 1L);
    }
    sender.await();
    return new Result(sessions, sender.counts(), (System.nanoTime() - started) / 1_000_000, future);
  }
}
