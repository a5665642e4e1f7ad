package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.correlate.SpikeDetector;
import io.uxlens.correlate.SpikeScan;
import io.uxlens.ingest.SegmentCodec;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.Sessionizer;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.SpikeStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SpikeIntervalTest's day of checkouts with its 30-minute error burst (one spike, [20:00, 21:00) at the 1 h grain),
 * written to a store whose process stops after the sessionizer committed the attempts and before the spike scan
 * stored what it found. The next start, with no new event, must store the spike an uninterrupted run stores.
 */
class SpikeScanResumeTest {
  static final long END = SpikeIntervalTest.T0 + SpikeIntervalTest.MINUTES * SpikeIntervalTest.MIN;

  @TempDir
  Path dir;

  @Test
  void aScanThatAStopCutShortIsDoneAtTheNextStart() throws Exception {
    List<Event> events = events();
    JourneyDefinitions defs = JourneyDefinitions.loadDefault();
    List<SpikeStore.Row> uninterrupted;
    try (Store s = TestStores.open(dir, "uninterrupted"); Writer w = new Writer(s.jdbi(), 64)) {
      RecordBatch.EMPTY.withEvents(events).writeWith(w).join();
      sessionizer(defs, s, w, true).runOnce();
      uninterrupted = new SpikeStore(s.jdbi()).overlapping(SpikeIntervalTest.T0, END);
      assertThat(new SpikeStore(s.jdbi()).due()).isEmpty();
    }
    assertThat(uninterrupted).singleElement().satisfies(r -> {
      assertThat(r.start()).isEqualTo(SpikeIntervalTest.T0 + 20 * SpikeIntervalTest.HOUR);
      assertThat(r.end()).isEqualTo(SpikeIntervalTest.T0 + 21 * SpikeIntervalTest.HOUR);
    });

    String db = TestStores.db(dir, "stopped");
    try (Store s = Store.open(db); Writer w = new Writer(s.jdbi(), 64)) {
      RecordBatch.EMPTY.withEvents(events).writeWith(w).join();
      // the attempts commit; the process stops before any spike scan runs (a sessionizer without one)
      assertThat(sessionizer(defs, s, w, false).runOnce().attempts()).isEqualTo(SpikeIntervalTest.MINUTES);
      SpikeStore spikes = new SpikeStore(s.jdbi());
      assertThat(spikes.overlapping(SpikeIntervalTest.T0, END)).isEmpty();
      assertThat(spikes.due()).singleElement().satisfies(d -> {
        assertThat(d.journey()).isEqualTo("checkout");
        assertThat(d.fromMs()).isLessThanOrEqualTo(SpikeIntervalTest.T0 + SpikeIntervalTest.MIN);
        assertThat(d.toMs()).isGreaterThanOrEqualTo(END - SpikeIntervalTest.MIN);
      });
    }
    try (Store s = Store.open(db); Writer w = new Writer(s.jdbi(), 64)) {
      Sessionizer restarted = sessionizer(defs, s, w, true);
      assertThat(restarted.runOnce().idle()).as("no event since the stop").isTrue();
      SpikeStore spikes = new SpikeStore(s.jdbi());
      assertThat(spikes.overlapping(SpikeIntervalTest.T0, END)).isEqualTo(uninterrupted);
      assertThat(spikes.due()).isEmpty();
      // once done, a run finds nothing due and writes nothing
      java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
      w.addListener((ops, nanos) -> commits.incrementAndGet());
      assertThat(restarted.runOnce().idle()).isTrue();
      assertThat(commits).hasValue(0);
    }
  }

  private static Sessionizer sessionizer(JourneyDefinitions defs, Store s, Writer w, boolean scansSpikes) {
    JourneyStore attempts = new JourneyStore(s.jdbi());
    Sessionizer sessionizer = new Sessionizer(defs, attempts, new SessionTelemetryStore(s.jdbi()), w);
    if (scansSpikes) {
      JourneyKpis kpis = new JourneyKpis(defs, attempts, new JourneyRollupStore(s.jdbi()));
      sessionizer.addListener(new SpikeScan(kpis, new SpikeStore(s.jdbi()), w, SpikeDetector.Params.DEFAULT));
    }
    return sessionizer;
  }

  /** The events SpikeIntervalTest posts, decoded as ingest decodes them. */
  private static List<Event> events() throws Exception {
    List<String> tracks = new ArrayList<>();
    for (int m = 0; m < SpikeIntervalTest.MINUTES; m++) {
      String s = "m" + m;
      long t = SpikeIntervalTest.T0 + m * SpikeIntervalTest.MIN;
      tracks.add(ErrorBurstTest.track(s, "Cart Viewed", t, "{}"));
      tracks.add(ErrorBurstTest.track(s, "Checkout Started", t + 5_000, "{}"));
      if (SpikeIntervalTest.error(m)) {
        tracks.add(ErrorBurstTest.track(s, "Checkout Error", t + 10_000, "{\"code\":\"gateway_timeout\"}"));
      }
      tracks.add(ErrorBurstTest.track(s, "Checkout Step Completed", t + 15_000, "{\"step\":1}"));
      tracks.add(ErrorBurstTest.track(s, "Payment Info Entered", t + 20_000, "{}"));
      tracks.add(ErrorBurstTest.track(s, "Order Completed", t + 25_000, "{}"));
    }
    SegmentCodec codec = new SegmentCodec(Limits.SEGMENT_EVENT_BYTES, SegmentCodec.DEFAULT_SESSION_PATHS);
    List<Event> out = new ArrayList<>();
    for (int from = 0; from < tracks.size(); from += 500) {
      String batch = "{\"batch\":[" + String.join(",", tracks.subList(from, Math.min(tracks.size(), from + 500)))
          + "]}";
      out.addAll(codec.decodeBatch(Json.MAPPER.readTree(batch), 0, Limits.SEGMENT_BATCH_EVENTS).events());
    }
    return out;
  }
}
