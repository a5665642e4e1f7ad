package io.uxlens.journey;

import static io.uxlens.journey.JourneyFixture.T0;
import static io.uxlens.journey.JourneyFixture.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.store.RetentionJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session touched again after retention dropped its old events: its old attempts and their rollups stay as they
 * were (the horizon), while a store whose events vanish without a horizon loses them (the control).
 */
class RetentionHorizonTest {
  private static final long DAY = 86_400_000L;
  private static final long LATER_S = 3 * DAY / 1000; // three days after T0, in seconds

  @TempDir
  Path dir;

  @Test
  void attemptsOlderThanTheHorizonSurviveTheirSessionBeingRecomputed() throws Exception {
    try (JourneyFixture f = new JourneyFixture(dir, "horizon")) {
      completedImportThenRun(f);
      RetentionJob job = new RetentionJob(RetentionPolicy.parse("1d", null), f.store, f.writer,
          () -> T0 + 2 * DAY, 1000, 0, 60_000, null);
      assertThat(job.runOnce().deleted().get("events")).isEqualTo(4);

      touchAgainThenRun(f);

      List<Attempt> attempts = f.attempts.attemptsOfSession("s1");
      assertThat(attempts).extracting(Attempt::start).containsExactly(T0, T0 + LATER_S * 1000);
      assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(hourAtT0(f)).containsExactly(1L, 1L);
    }
  }

  @Test
  void anAttemptLeftInProgressBeforeTheHorizonEndsAbandonedOnceItsDeadlinePassesAndNoLoopFollows() throws Exception {
    try (JourneyFixture f = new JourneyFixture(dir, "open")) {
      // two imports started, then no traffic for two days: both still in progress (newest event: T0 + 60 s)
      f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s2", "Import Started", 60, null)));
      f.run();
      assertThat(f.attempts.attemptsOfSession("s1").get(0).outcome()).isEqualTo(Outcome.IN_PROGRESS);
      new RetentionJob(RetentionPolicy.parse("1d", null), f.store, f.writer, () -> T0 + 2 * DAY, 1000, 0, 60_000,
          null).runOnce(); // s1's event goes; s2's is the newest row and stays

      f.insert(List.of(track("3", "s3", "Cart Viewed", 2 * DAY / 1000, null))); // traffic again: both are due
      f.run();

      for (String session : new String[] {"s1", "s2"}) {
        Attempt a = f.attempts.attemptsOfSession(session).get(0);
        assertThat(a.outcome()).as(session).isEqualTo(Outcome.ABANDONED);
        assertThat(a.end()).as(session).isEqualTo(a.lastEvent()); // abandoned at its last event, as the builder does
      }
      List<KpiBucket> hour = f.kpis.summary("inventory-import", T0, T0 + 3_600_000, Optional.empty(), Map.of());
      assertThat(hour.get(0).abandoned()).isEqualTo(2);
      assertThat(f.run().idle()).as("nothing left due: the next run has nothing to do").isTrue();
    }
  }

  @Test
  void oldEventsArrivingAfterTheHorizonStillGiveAttempts() throws Exception {
    try (JourneyFixture f = new JourneyFixture(dir, "late")) {
      f.insert(List.of(track("9", "s9", "Cart Viewed", 2 * DAY / 1000, null)));
      f.run();
      new RetentionJob(RetentionPolicy.parse("1d", null), f.store, f.writer, () -> T0 + 2 * DAY, 1000, 0, 60_000,
          null).runOnce();

      // an import of history from before the horizon: the session has no attempt stored before it, so its
      // attempts are built from these events (all there until retention's next run drops them)
      completedImportThenRun(f);
      assertThat(f.attempts.attemptsOfSession("s1").get(0).outcome()).isEqualTo(Outcome.COMPLETED);
    }
  }

  @Test
  void controlWithoutAHorizonTheRecomputedSessionLosesItsOldAttempt() {
    try (JourneyFixture f = new JourneyFixture(dir, "control")) {
      completedImportThenRun(f);
      f.writer.submit(h -> h.createUpdate("DELETE FROM events WHERE ts < :c").bind("c", T0 + DAY).execute()).join();

      touchAgainThenRun(f);

      assertThat(f.attempts.attemptsOfSession("s1")).extracting(Attempt::start).containsExactly(T0 + LATER_S * 1000);
      assertThat(hourAtT0(f)).containsExactly(0L, 0L);
    }
  }

  private static void completedImportThenRun(JourneyFixture f) {
    f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 60, null),
        track("3", "s1", "Columns Mapped", 300, null), track("5", "s1", "Import Completed", 600, null),
        track("9", "s9", "Cart Viewed", 2 * DAY / 1000, null))); // another session, two days on
    f.run();
    assertThat(f.attempts.attemptsOfSession("s1")).hasSize(1);
    assertThat(hourAtT0(f)).containsExactly(1L, 1L);
  }

  /** Three days later the same session id starts another import: the session is recomputed. */
  private static void touchAgainThenRun(JourneyFixture f) {
    f.insert(List.of(track("6", "s1", "Import Started", LATER_S, null)));
    f.run();
  }

  /** Attempts and completed attempts of the 10:00 hour, as the KPI panels read them. */
  private static long[] hourAtT0(JourneyFixture f) {
    List<KpiBucket> buckets = f.kpis.summary("inventory-import", T0, T0 + 3_600_000, Optional.empty(), Map.of());
    return buckets.isEmpty() ? new long[] {0, 0} : new long[] {buckets.get(0).attempts(), buckets.get(0).completed()};
  }
}
