package io.uxlens.store;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.model.Event;
import io.uxlens.testing.StoredRecords;
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
    try (Store store = TestStores.open(dir, "w")) {
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

  /**
   * An operation that breaks the connection fails its commit; the writer (which keeps a connection of its own on
   * SQLite) takes a new one and later writes commit. Control: the same writer commits before the break.
   */
  @Test
  void aBrokenConnectionFailsOneCommitAndIsReplaced() throws Exception {
    try (Store store = TestStores.open(dir, "w")) {
      Writer writer = new Writer(store.jdbi(), 16);
      assertThat(writer.submit(h -> RecordInserts.events(h, List.of(event("a")))).get(10, TimeUnit.SECONDS))
          .isEqualTo(1);
      CompletableFuture<Integer> breaking = writer.submit(h -> {
        try {
          h.getConnection().close();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        return RecordInserts.events(h, List.of(event("b")));
      });
      assertThatThrownBy(() -> breaking.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      for (String id : List.of("c", "d")) {
        assertThat(writer.submit(h -> RecordInserts.events(h, List.of(event(id)))).get(10, TimeUnit.SECONDS))
            .isEqualTo(1);
      }
      writer.close();
      assertThat(new RecordCounts(store.jdbi()).all()).containsEntry("events", 3L);
    }
  }

  @Test
  void failingOperationDoesNotUndoItsNeighbours() throws Exception {
    try (Store store = TestStores.open(dir, "w")) {
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
    try (Store store = TestStores.open(dir, "w")) {
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
    try (Store store = TestStores.open(dir, "w")) {
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

  /**
   * While the writer is busy, a background op and then three ingest ops queue up. The ingest ops are committed
   * first, together, and the background op alone after them: a request never waits for a rebuild queued before it.
   */
  @Test
  void ingestIsCommittedBeforeBackgroundWorkQueuedEarlier() throws Exception {
    try (Store store = TestStores.open(dir, "p")) {
      Writer writer = new Writer(store.jdbi(), 64, 60_000);
      List<Integer> commitSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
      writer.addListener((ops, nanos) -> commitSizes.add(ops));
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<Integer> blocker = writer.submit(h -> {
        busy.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return RecordInserts.events(h, List.of(event("blocker")));
      });
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<Integer> chore = writer.submitBackground(h -> RecordInserts.events(h,
          List.of(event("chore"))));
      chore.thenRun(() -> order.add("background"));
      List<CompletableFuture<Integer>> ingest = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        List<Event> one = List.of(event("i" + i));
        CompletableFuture<Integer> f = writer.submit(h -> RecordInserts.events(h, one));
        f.thenRun(() -> order.add("ingest"));
        ingest.add(f);
      }
      release.countDown();
      blocker.get(10, TimeUnit.SECONDS);
      chore.get(10, TimeUnit.SECONDS);
      for (CompletableFuture<Integer> f : ingest) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      }
      writer.close();
      assertThat(order).containsExactly("ingest", "ingest", "ingest", "background");
      assertThat(commitSizes).containsExactly(1, 3, 1); // the blocker, the three requests, the chore alone
    }
  }

  /**
   * Under a stream of ingest that never leaves the queue empty (each request queues the next before it commits),
   * background work waits its longest and no longer: it runs after the wait, while ingest is still queued, and
   * overdue operations take turns with requests rather than running back to back.
   */
  @Test
  void backgroundWorkWaitsBehindContinuousIngestForItsLongestWaitOnly() throws Exception {
    try (Store store = TestStores.open(dir, "f")) {
      long maxWaitMs = 300;
      Writer writer = new Writer(store.jdbi(), 64, maxWaitMs);
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<java.util.function.Function<org.jdbi.v3.core.Handle, Integer>>
          request = new java.util.concurrent.atomic.AtomicReference<>();
      request.set(h -> {
        int n = sent.incrementAndGet();
        if (!stop.get() && n < 1_000_000) {
          writer.submit(request.get()); // queued before this commit ends: the writer never finds the queue empty
        }
        return RecordInserts.events(h, List.of(event("stream-" + n)));
      });
      writer.submit(request.get());
      while (sent.get() < 10) {
        Thread.onSpinWait();
      }
      long queued = System.nanoTime();
      // what ingest was still queued when each chore ran, how long it had waited, and how many requests had run
      List<CompletableFuture<long[]>> chores = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        chores.add(writer.submitBackground(h ->
            new long[] {writer.queueDepth(), System.nanoTime() - queued, sent.get()}));
      }
      List<long[]> seenAll = new ArrayList<>();
      for (CompletableFuture<long[]> chore : chores) {
        seenAll.add(chore.get(10, TimeUnit.SECONDS));
      }
      stop.set(true);
      writer.close();
      long[] seen = seenAll.get(0);
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(seen[1]);
      assertThat(seen[0]).as("ingest still queued when the chore ran").isPositive();
      // all three were overdue together, yet a request committed between each two of them
      assertThat(seenAll.get(1)[2]).as("requests before the second chore").isGreaterThan(seenAll.get(0)[2]);
      assertThat(seenAll.get(2)[2]).as("requests before the third chore").isGreaterThan(seenAll.get(1)[2]);
      assertThat(waitedMs).as("yields to queued ingest").isGreaterThanOrEqualTo(maxWaitMs);
      assertThat(waitedMs).as("but is not starved").isLessThan(maxWaitMs + 5_000);
      assertThat(sent.get()).as("ingest kept committing meanwhile").isGreaterThan(10);
    }
  }

  /** Background work queued while no ingest waits is committed at once, not after the longest wait. */
  @Test
  void backgroundWorkRunsAtOnceWhenNoIngestWaits() throws Exception {
    try (Store store = TestStores.open(dir, "g")) {
      Writer writer = new Writer(store.jdbi(), 64, 60_000);
      long queued = System.nanoTime();
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(writer.submitBackground(h -> System.nanoTime() - queued)
          .get(10, TimeUnit.SECONDS));
      writer.close();
      assertThat(waitedMs).isLessThan(5_000);
    }
  }
}
