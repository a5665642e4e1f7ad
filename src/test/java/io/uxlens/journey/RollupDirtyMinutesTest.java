package io.uxlens.journey;

import static io.uxlens.journey.JourneyFixture.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sessionizer step wider than one write (more sessions than {@link Sessionizer#SESSIONS_PER_WRITE}) marks the
 * minutes each write changes and rebuilds them once in its last write; marks left by a step that never finished are
 * rebuilt when the step runs again. Runs on whichever store the suite runs on.
 */
class RollupDirtyMinutesTest {
  private static final String J = "inventory-import";
  private static final long H = 3_600_000L;

  @TempDir Path dir;

  /** Session i starts at second i % 180 (three minutes); every third completes, the others stop after upload. */
  private static List<Event> sessions(int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String s = "s" + i;
      long t = i % 180;
      events.add(track(s + "a", s, "Import Started", t, null));
      events.add(track(s + "b", s, "File Uploaded", t + 5, null));
      if (i % 3 == 0) {
        events.add(track(s + "c", s, "Columns Mapped", t + 10, null));
        events.add(track(s + "d", s, "Import Completed", t + 20, null));
      }
    }
    return events;
  }

  private static long count(JourneyFixture f, String sql) {
    return f.store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void aStepOfManyWritesLeavesRollupsEqualToItsAttemptsAndNoMarks() {
    int n = Sessionizer.SESSIONS_PER_WRITE * 2 + 500; // three writes in one step
    try (JourneyFixture f = new JourneyFixture(dir, "wide")) {
      f.insert(sessions(n));
      assertThat(f.run().sessions()).isEqualTo(n);
      assertThat(count(f, "SELECT COUNT(*) FROM journey_rollup_dirty")).isZero();
      KpiBucket hour = f.kpis.summary(J, JourneyFixture.T0, JourneyFixture.T0 + H, Optional.empty(), Map.of()).get(0);
      assertThat(hour.attempts()).isEqualTo(n);
      assertThat(hour.completed()).isEqualTo((n + 2) / 3); // i = 0, 3, 6, ...
      // per minute too (the minute rows themselves): 2,000 + ... attempts spread evenly over three minutes
      List<KpiBucket> minutes = f.kpis.series(J, JourneyFixture.T0, JourneyFixture.T0 + 3 * 60_000L, 60_000L,
          Optional.empty(), Map.of()).buckets();
      assertThat(minutes.stream().mapToLong(KpiBucket::attempts).sum()).isEqualTo(n);
      assertThat(minutes).hasSize(3).allSatisfy(b -> assertThat(b.attempts()).isBetween(n / 3L - 1, n / 3L + 1));
    }
  }

  @Test
  void nearbyBucketsAreReadAsOneRangeAndFarOnesApart() {
    long m = Rollups.MINUTE;
    java.util.TreeSet<Long> minutes = new java.util.TreeSet<>(List.of(0L, m, 3 * m, 9 * m, 40 * m, 41 * m));
    assertThat(Rollups.runs(minutes, m)).containsExactly(new long[] {0, 10 * m}, new long[] {40 * m, 42 * m});
    assertThat(Rollups.runs(new java.util.TreeSet<>(), m)).isEmpty();
  }

  @Test
  void marksLeftByAStepThatNeverFinishedAreRebuiltWhenItRunsAgain() {
    try (JourneyFixture f = new JourneyFixture(dir, "crash")) {
      f.insert(sessions(300));
      f.run();
      KpiBucket expected = f.kpis.summary(J, JourneyFixture.T0, JourneyFixture.T0 + H, Optional.empty(), Map.of())
          .get(0);
      // what a crash after a step's first writes leaves: attempts and marks committed, rollups not rebuilt, cursor
      // not moved
      f.writer.submit(h -> {
        h.execute("DELETE FROM journey_rollups");
        h.execute("INSERT INTO journey_rollup_dirty (journey, minute_ms) SELECT DISTINCT journey, start_ms - "
            + "(start_ms % 60000) FROM journey_attempts");
        return h.execute("UPDATE journey_cursor SET seq = 0 WHERE name = 'events'");
      }).join();
      assertThat(f.kpis.summary(J, JourneyFixture.T0, JourneyFixture.T0 + H, Optional.empty(), Map.of()))
          .as("control: the rollups are gone").allSatisfy(b -> assertThat(b.attempts()).isZero());
      f.run(); // every attempt comes out unchanged: only the marks bring the rollups back
      assertThat(f.kpis.summary(J, JourneyFixture.T0, JourneyFixture.T0 + H, Optional.empty(), Map.of()).get(0))
          .usingRecursiveComparison().isEqualTo(expected);
      assertThat(count(f, "SELECT COUNT(*) FROM journey_rollup_dirty")).isZero();
    }
  }
}
