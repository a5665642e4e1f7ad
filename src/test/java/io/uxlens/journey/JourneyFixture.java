package io.uxlens.journey;

import io.uxlens.testing.TestStores;
import io.uxlens.correlate.Correlations;
import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real SQLite store, writer and journey engine in a temp folder; events go in through the real writer. */
final class JourneyFixture implements AutoCloseable {
  /** 2026-05-01T10:00:00Z, an hour boundary. */
  static final long T0 = 1_777_629_600_000L;

  final Store store;
  final Writer writer;
  final JourneyStore attempts;
  final Sessionizer sessionizer;
  final JourneyKpis kpis;
  final Correlations correlations;

  JourneyFixture(Path dir, String name) {
    this(TestStores.db(dir, name));
  }

  /** On the store {@code db} (a {@code --db} value), migrated on opening. */
  JourneyFixture(String db) {
    store = io.uxlens.store.Store.open(db);
    writer = new Writer(store.jdbi(), 64);
    JourneyDefinitions defs = JourneyDefinitions.loadDefault();
    attempts = new JourneyStore(store.jdbi());
    sessionizer = new Sessionizer(defs, attempts, new SessionTelemetryStore(store.jdbi()), writer);
    kpis = new JourneyKpis(defs, attempts, new JourneyRollupStore(store.jdbi()));
    correlations = new Correlations(kpis);
  }

  /** A track event {@code seconds} after T0 with optional context JSON. */
  static Event track(String id, String session, String name, long seconds, String context) {
    return new Event(id, "segment", "track", name, T0 + seconds * 1000, T0, "u-" + session, null, session, "{}",
        context);
  }

  void insert(List<Event> events) {
    RecordBatch.EMPTY.withEvents(events).writeWith(writer).join();
  }

  Sessionizer.RunStats run() {
    return sessionizer.runOnce();
  }

  /** Spans go in with plain SQL at the store boundary (their ingest belongs to another component). */
  void span(String id, String session, long seconds, double durationMs, Integer http, String dbSystem) {
    writer.submit(h -> h.createUpdate("INSERT INTO spans (trace_id, span_id, session_id, service, name, start_ms, "
            + "duration_ms, status, http_status, db_system, attributes) VALUES ('t', :id, :s, 'api', 'GET', :t, :d, "
            + ":st, :http, :db, '{}')")
        .bind("id", id).bind("s", session).bind("t", T0 + seconds * 1000).bind("d", durationMs)
        .bind("st", http != null && http >= 500 ? "error" : "ok").bind("http", http).bind("db", dbSystem)
        .execute()).join();
  }

  void measurement(String id, String session, String name, long seconds, double value) {
    writer.submit(h -> h.createUpdate("INSERT INTO measurements (id, session_id, name, value, unit, ts, context) "
            + "VALUES (:id, :s, :n, :v, NULL, :t, '{}')")
        .bind("id", id).bind("s", session).bind("n", name).bind("v", value).bind("t", T0 + seconds * 1000)
        .execute()).join();
  }

  /** Every stored attempt, all journeys, in a stable order. */
  List<Attempt> allAttempts() {
    List<Attempt> all = new ArrayList<>();
    for (JourneyDefinition j : kpis.definitions().all()) {
      all.addAll(attempts.attempts(j.id(), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, java.util.Map.of()));
    }
    return all;
  }

  @Override
  public void close() {
    writer.close();
    store.close();
  }
}
