package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Event;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' writers on one PostgreSQL database: while one ingest transaction has drawn its seq and not yet
 * committed, another instance's ingest waits, so a reader following seq never sees a larger number commit before a
 * smaller one (the gap that would make the sessionizer skip rows for good). Always on PostgreSQL.
 */
class IngestOrderTest {
  @TempDir Path dir;

  @Test
  void aLaterSeqNeverBecomesVisibleBeforeAnEarlierOne() throws Exception {
    String db = TestStores.postgresDb();
    try (Store a = Store.open(db); Store b = Store.open(db);
         Writer first = new Writer(a.jdbi(), 16); Writer second = new Writer(b.jdbi(), 16)) {
      // the month's partition exists first: creating one locks the parent table for readers until its commit
      first.submit(h -> RecordInserts.events(h, List.of(event("earlier")))).get(10, TimeUnit.SECONDS);
      CountDownLatch inserted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> slow = first.submit(h -> {
        // the row alone, without the status counter's update, whose row lock would also hold the other writer
        int n;
        try (PreparedStatement ps = h.getConnection().prepareStatement(EventRows.INSERT)) {
          EventRows.addBatch(ps, event("slow"));
          n = ps.executeBatch().length;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        inserted.countDown();
        await(release);
        return n;
      });
      assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Integer> fast = second.submit(h -> RecordInserts.events(h, List.of(event("fast"))));
      Thread.sleep(500);
      assertThat(fast).as("the other instance's ingest waits for the open one").isNotDone();
      assertThat(visibleIds(b)).as("nothing new visible yet").containsExactly("earlier");
      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(fast.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(visibleIds(b)).as("in seq order, the earlier first").containsExactly("earlier", "slow", "fast");
    }
  }

  private static List<String> visibleIds(Store s) {
    return s.jdbi().withHandle(h -> h.createQuery("SELECT id FROM events ORDER BY seq").mapTo(String.class).list());
  }

  private static Event event(String id) {
    return new Event(id, "segment", "track", "E", 1_764_000_000_000L, 1_764_000_000_000L, "u", null, "s", "{}",
        "{}");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
