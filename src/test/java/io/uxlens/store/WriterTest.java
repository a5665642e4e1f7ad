package io.uxlens.store;

import io.uxlens.testing.StoredRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.model.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer: group commit, per-operation isolation, and draining on close. */
class WriterTest {
  @TempDir Path dir;

  private static Event event(String id) {
    return new Event(id, "test", "track", "E", 1000, 1000, "u", null, "s", "{}", "{}");
  }

  @Test
  void concurrentSubmissionsShareCommits() throws Exception {
    try (Store store = Store.openSqlite(dir.resolve("w.db"))) {
      Writer writer = new Writer(store.jdbi(), 4096);
      AtomicInteger commits = new AtomicInteger();
      writer.addListener((ops, nanos) -> commits.incrementAndGet());
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        List<Event> one = List.of(event("e" + i));
        futures.add(writer.submit(h -> RecordInserts.events(h, one)));
      }
      for (CompletableFuture<Integer> f : futures) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      }
      writer.close();
      assertThat(new RecordCounts(store.jdbi()).all()).containsEntry("events", 2000L);
      assertThat(commits.get()).as("2000 operations grouped into fewer commits").isLessThan(2000);
    }
  }

  @Test
  void failingOperationDoesNotUndoItsNeighbours() throws Exception {
    try (Store store = Store.openSqlite(dir.resolve("w.db"))) {
      Writer writer = new Writer(store.jdbi(), 16);
      CompletableFuture<Integer> before = writer.submit(h -> RecordInserts.events(h, List.of(event("a"))));
      CompletableFuture<Integer> broken = writer.submit(h -> {
        RecordInserts.events(h, List.of(event("b")));
        throw new IllegalStateException("boom");
      });
      CompletableFuture<Integer> after = writer.submit(h -> RecordInserts.events(h, List.of(event("c"))));
      assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("boom");
      writer.close();
      StoredRecords events = new StoredRecords(store.jdbi());
      assertThat(events.event("a")).isPresent();
      assertThat(events.event("b")).as("rolled back to its savepoint").isEmpty();
      assertThat(events.event("c")).isPresent();
      assertThat(new RecordCounts(store.jdbi()).all()).containsEntry("events", 2L);
    }
  }

  @Test
  void closeCommitsWhatWasQueuedAndRefusesNewWork() throws Exception {
    try (Store store = Store.openSqlite(dir.resolve("w.db"))) {
      Writer writer = new Writer(store.jdbi(), 1024);
      List<CompletableFuture<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        List<Event> one = List.of(event("q" + i));
        queued.add(writer.submit(h -> RecordInserts.events(h, one)));
      }
      writer.close();
      for (CompletableFuture<Integer> f : queued) {
        assertThat(f).isCompletedWithValue(1);
      }
      assertThatThrownBy(() -> writer.submit(h -> 1).get()).hasCauseInstanceOf(StoreException.class);
    }
  }

  @Test
  void fullQueueIsReportedNotBlocked() throws Exception {
    try (Store store = Store.openSqlite(dir.resolve("w.db"))) {
      Writer writer = new Writer(store.jdbi(), 1);
      CompletableFuture<Void> gate = new CompletableFuture<>();
      // The first op holds the writer thread until the gate opens, so the queue (capacity 1) fills up.
      writer.submit(h -> gate.join());
      CompletableFuture<Object> rejected = null;
      for (int i = 0; i < 50 && rejected == null; i++) {
        CompletableFuture<Object> f = writer.submit(h -> null);
        if (f.isCompletedExceptionally()) {
          rejected = f;
        }
      }
      gate.complete(null);
      assertThat(rejected).isNotNull();
      assertThatThrownBy(rejected::get).hasCauseInstanceOf(WriterOverloadedException.class);
      writer.close();
    }
  }
}
