package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.config.RetentionPolicy;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Event;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server started with --retention on a store holding a large backlog of old events: the start-up run deletes
 * it in batches while Segment ingest keeps being answered, and /api/v1/status and /metrics show the result.
 */
class RetentionEndToEndTest {
  private static final int OLD_EVENTS = 80_000;
  private static final Duration INGEST_BOUND = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  @Test
  void aBacklogGoesInBatchesWhileIngestIsAnsweredAndStatusShowsTheOldestDataKept() throws Exception {
    long now = System.currentTimeMillis();
    prefill(io.uxlens.testing.TestStores.db(dir, "uxlens"), now - Duration.ofDays(30).toMillis(), now);
    long cutoff = now - Duration.ofDays(7).toMillis();

    try (TestServer server = TestServer.start(dir,
        c -> c.withRetention(RetentionPolicy.parse("7d", "30d")))) {
      int sent = 0;
      int answeredWhileOldRowsRemained = 0;
      long slowestMs = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      JsonNode retention;
      while (true) {
        long t0 = System.nanoTime();
        TestServer.Response r = server.postJson("/v1/batch", DurabilityTest.batch("live" + sent, 20));
        slowestMs = Math.max(slowestMs, (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.status()).isEqualTo(200);
        sent++;
        retention = server.get("/api/v1/status").json().get("retention");
        boolean oldRemain = Instant.parse(retention.get("oldest").get("events").asText()).toEpochMilli() < cutoff;
        if (!oldRemain) {
          break;
        }
        answeredWhileOldRowsRemained++;
        assertThat(System.nanoTime()).as("retention finished within 90 s").isLessThan(deadline);
      }

      assertThat(answeredWhileOldRowsRemained).as("ingest answered during the deletion").isGreaterThan(0);
      assertThat(slowestMs).as("slowest ingest request, ms").isLessThan(INGEST_BOUND.toMillis());
      JsonNode status = server.get("/api/v1/status").json();
      assertThat(retention.get("raw").asText()).isEqualTo("7d");
      assertThat(retention.get("rollups").asText()).isEqualTo("30d");
      assertThat(Instant.parse(retention.get("horizon").asText()).toEpochMilli()).isBetween(cutoff - 60_000,
          cutoff + 600_000);
      assertThat(retention.get("oldest").get("events").asText()).isNotEmpty();
      assertThat(retention.get("oldest").has("spans")).isTrue();
      assertThat(retention.get("oldest").get("spans").isNull()).isTrue(); // empty table
      // the counts stay true: the new events (messageIds of a sender use 20 ids each) and the recent prefilled one
      long stored = server.count("events");
      assertThat(status.get("counts").get("events").asLong()).isEqualTo(stored);
      assertThat(stored).isEqualTo(sent * 20L + 1);
      String metrics = server.get("/metrics").text();
      assertThat(metrics).contains("uxlens_retention_deleted_rows_total{table=\"events\"} " + OLD_EVENTS + ".0");
    }
  }

  @Test
  void withoutRetentionStatusSaysEverythingIsKept() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      JsonNode retention = server.get("/api/v1/status").json().get("retention");
      assertThat(retention.get("raw").isNull()).isTrue();
      assertThat(retention.get("rollups").isNull()).isTrue();
      assertThat(retention.get("horizon").isNull()).isTrue();
      assertThat(retention.get("oldest").get("events").isNull()).isTrue();
    }
  }

  /**
   * Old page events (no journey reads them) spread over a day from {@code oldFrom}, one recent event, and the
   * sessionizer run over them as a server would have done before: old and already read, so retention may drop them.
   */
  private static void prefill(String db, long oldFrom, long now) {
    try (Store store = Store.open(db); Writer writer = new Writer(store.jdbi(), 64)) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < OLD_EVENTS; i++) {
        long ts = oldFrom + i * 1_000L;
        events.add(new Event("old-" + i, "segment", "page", "Home", ts, ts, "u" + (i % 500), null, "s" + (i % 900),
            "{\"path\":\"/home\"}", "{}"));
        if (events.size() == 5_000) {
          RecordBatch.EMPTY.withEvents(events).writeWith(writer).join();
          events.clear();
        }
      }
      events.add(new Event("recent", "segment", "page", "Home", now, now, "u0", null, "s0", "{}", "{}"));
      RecordBatch.EMPTY.withEvents(events).writeWith(writer).join();
      JourneyStore journeys = new JourneyStore(store.jdbi());
      new Sessionizer(JourneyDefinitions.loadDefault(), journeys, new SessionTelemetryStore(store.jdbi()), writer)
          .runOnce();
      assertThat(journeys.savedCursor().events()).isEqualTo(OLD_EVENTS + 1);
    }
  }
}
