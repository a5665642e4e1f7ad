package io.uxlens.retention;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.RecordCounts;
import io.uxlens.store.RetentionJob;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.Writer;
import io.uxlens.telemetry.TelemetryRollups;
import io.uxlens.feedback.ComplaintPhrases;
import io.uxlens.feedback.FeedbackRollups;
import io.uxlens.feedback.Vader;
import io.uxlens.store.ComplaintStore;
import io.uxlens.store.FeedbackRollupStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real SQLite store with the real writer, sessionizer and telemetry and feedback rollup jobs and the complaint job, a clock the test moves, and
 * simulated days of traffic: per session one completed inventory import (three events), a span and a measurement,
 * and a feedback item every tenth session.
 */
final class RetentionFixture implements AutoCloseable {
  /** 2026-05-01T00:00:00Z. */
  static final long DAY0 = 1_777_593_600_000L;
  static final long DAY = 86_400_000L;
  private static final String PADDING = "x".repeat(200);

  final Path file;
  final Store store;
  final Writer writer;
  final Sessionizer sessionizer;
  final TelemetryRollups telemetry;
  final FeedbackRollups feedback;
  final ComplaintPhrases complaints;
  final JourneyStore journeys;
  final AtomicLong now = new AtomicLong(DAY0);

  RetentionFixture(Path file) {
    this(file, file.toString());
  }

  /** On the store {@code db} names (a SQLite file or a PostgreSQL URL). */
  RetentionFixture(String db) {
    this(null, db);
  }

  private RetentionFixture(Path file, String db) {
    this.file = file;
    store = Store.open(db);
    writer = new Writer(store.jdbi(), 256);
    journeys = new JourneyStore(store.jdbi());
    sessionizer = new Sessionizer(JourneyDefinitions.loadDefault(), journeys,
        new SessionTelemetryStore(store.jdbi()), writer);
    telemetry = new TelemetryRollups(new TelemetryRollupStore(store.jdbi()), writer);
    feedback = new FeedbackRollups(new FeedbackRollupStore(store.jdbi()), writer, Vader.feedback());
    complaints = new ComplaintPhrases(new ComplaintStore(store.jdbi()), writer, Vader.feedback());
  }

  /** A job on the fixture's clock: small batches and no pause, so tests are quick; never started as a thread. */
  RetentionJob job(RetentionPolicy policy, int batchRows) {
    return new RetentionJob(policy, store, writer, now::get, batchRows, 0, 60_000, null);
  }

  /** {@code sessions} sessions spread over day {@code day}, written in batches through the writer. */
  void ingestDay(int day, int sessions) {
    long start = DAY0 + day * DAY;
    long step = DAY / sessions;
    List<Event> events = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    List<Measurement> measurements = new ArrayList<>();
    List<Feedback> feedback = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      String session = "d" + day + "-s" + s;
      long t = start + s * step;
      String props = "{\"note\":\"" + PADDING + "\"}";
      events.add(new Event(session + "-1", "segment", "track", "Import Started", t, t, "u" + s, null, session, props,
          "{}"));
      events.add(new Event(session + "-2", "segment", "track", "File Uploaded", t + 20_000, t, "u" + s, null, session,
          props, "{}"));
      events.add(new Event(session + "-3", "segment", "track", "Import Completed", t + 40_000, t, "u" + s, null,
          session, props, "{}"));
      spans.add(new Span("t-" + session, "s1", null, session, "api", "POST /imports", "server", t + 10_000, 120.0,
          "ok", 200, "postgresql", "{}"));
      measurements.add(new Measurement(session + "-lcp", session, "lcp", 1800.0, "ms", t + 5_000, "{}"));
      if (s % 10 == 0) { // every other one a complaint (a low score), with its phrases kept
        boolean low = s % 20 == 0;
        feedback.add(new Feedback(session + "-fb", "csat", low ? 1.0 : 4.0,
            (low ? "the import is so slow " : "fine ") + PADDING, "u" + s, session, "inventory-import", t + 50_000,
            0.3, null, "api"));
      }
      if (events.size() >= 600) {
        write(events, spans, measurements, feedback);
      }
    }
    write(events, spans, measurements, feedback);
  }

  private void write(List<Event> events, List<Span> spans, List<Measurement> measurements,
      List<Feedback> feedback) {
    RecordBatch.EMPTY.withEvents(events).withSpans(spans).withMeasurements(measurements).withFeedback(feedback)
        .writeWith(writer).join();
    events.clear();
    spans.clear();
    measurements.clear();
    feedback.clear();
  }

  /** The readers catch up, as the server's background jobs do after ingest. */
  void rollUp() {
    sessionizer.runOnce();
    telemetry.runOnce();
    feedback.runOnce();
    complaints.runOnce();
  }

  /** The partitions of a raw table (PostgreSQL). */
  List<String> partitions(String table) {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON "
        + "c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = :t").bind("t", table)
        .mapTo(String.class).list());
  }

  long count(String table) {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  long statusCount(String kind) {
    return new RecordCounts(store.jdbi()).all().getOrDefault(kind, 0L);
  }

  long oldest(String table, String column) {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MIN(" + column + "), -1) FROM " + table)
        .mapTo(Long.class).one());
  }

  /** Bytes of the database file once the WAL is checkpointed into it (what the file itself keeps). */
  long checkpointedFileBytes() throws java.io.IOException {
    store.jdbi().useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
    return java.nio.file.Files.size(file);
  }

  @Override
  public void close() {
    writer.close();
    store.close();
  }
}
