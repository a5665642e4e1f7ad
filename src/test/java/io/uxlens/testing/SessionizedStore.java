package io.uxlens.testing;

import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Event;
import io.uxlens.model.Span;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * A test store holding generated events and spans, sessionized once, with the shipped journeys: what the tests that
 * compare rollup answers with attempt scans start from.
 */
public record SessionizedStore(Store store, Writer writer, JourneyDefinitions journeys, JourneyStore attempts,
                               SessionTelemetryStore telemetry, JourneyKpis kpis) implements AutoCloseable {
  private static final int BATCH = 5_000;

  public static SessionizedStore load(Path dir, String name, List<Event> events, List<Span> spans) {
    Store store = TestStores.open(dir, name);
    Writer writer = new Writer(store.jdbi(), 64);
    JourneyDefinitions defs = JourneyDefinitions.loadDefault();
    JourneyStore attempts = new JourneyStore(store.jdbi());
    SessionTelemetryStore telemetry = new SessionTelemetryStore(store.jdbi());
    for (int i = 0; i < events.size(); i += BATCH) {
      RecordBatch.EMPTY.withEvents(events.subList(i, Math.min(events.size(), i + BATCH))).writeWith(writer).join();
    }
    for (int i = 0; i < spans.size(); i += BATCH) {
      RecordBatch.EMPTY.withSpans(spans.subList(i, Math.min(spans.size(), i + BATCH))).writeWith(writer).join();
    }
    new Sessionizer(defs, attempts, telemetry, writer).runOnce();
    return new SessionizedStore(store, writer, defs, attempts, telemetry,
        new JourneyKpis(defs, attempts, new JourneyRollupStore(store.jdbi())));
  }

  @Override
  public void close() {
    writer.close();
    store.close();
  }
}
