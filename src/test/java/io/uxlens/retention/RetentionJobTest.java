package io.uxlens.retention;

import static io.uxlens.retention.RetentionFixture.DAY;
import static io.uxlens.retention.RetentionFixture.DAY0;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.store.RetentionJob;
import io.uxlens.store.RetentionStore;
import io.uxlens.store.SpikeStore;
import java.nio.file.Path;
import java.util.List;
import io.uxlens.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a real SQLite store: what goes, what must stay, and the status counts. */
class RetentionJobTest {
  private static final String[] RAW = {"events", "spans", "measurements", "feedback"};

  @TempDir
  Path dir;

  @Test
  void dropsRawRowsOlderThanTheCutoffInBatchesAndKeepsTheCountsTrue() throws Exception {
    try (RetentionFixture f = new RetentionFixture(TestStores.db(dir, "a"))) {
      for (int day = 0; day < 4; day++) {
        f.ingestDay(day, 200);
      }
      f.rollUp();
      assertThat(f.count("event_sessions")).as("every event indexed by session").isEqualTo(f.count("events"));
      long newerEvents = f.count("events") / 4 * 2;
      f.now.set(DAY0 + 4 * DAY);
      RetentionJob.RunStats stats = f.job(RetentionPolicy.parse("2d", null), 100).runOnce();

      assertThat(stats.deleted().get("events")).isEqualTo(1200); // days 0 and 1: 2 x 200 sessions x 3 events
      assertThat(stats.deleted().get("spans")).isEqualTo(400);
      assertThat(stats.deleted().get("measurements")).isEqualTo(400);
      assertThat(stats.deleted().get("feedback")).isEqualTo(40);
      assertThat(f.count("events")).isEqualTo(newerEvents);
      assertThat(f.count("event_sessions")).as("their index rows go with them").isEqualTo(newerEvents);
      assertThat(f.oldest("events", "ts")).isGreaterThanOrEqualTo(DAY0 + 2 * DAY);
      assertThat(f.oldest("spans", "start_ms")).isGreaterThanOrEqualTo(DAY0 + 2 * DAY);
      // the phrases of deleted complaints go with them, and the day counts of days wholly before the cutoff
      assertThat(f.oldest("complaint_phrases", "ts")).isGreaterThanOrEqualTo(DAY0 + 2 * DAY);
      assertThat(f.count("complaint_phrases")).isPositive();
      assertThat(f.oldest("complaint_days", "day_ms")).isGreaterThanOrEqualTo(DAY0 + DAY);
      for (String table : RAW) {
        assertThat(f.statusCount(table)).as(table).isEqualTo(f.count(table));
      }
      // attempts and rollups are kept without --rollup-retention
      assertThat(f.journeys.attemptCount()).isEqualTo(800);
      // a second run at the same time finds nothing more
      assertThat(f.job(RetentionPolicy.parse("2d", null), 100).runOnce().total()).isZero();
      // the horizon is the cutoff, and a run with an earlier cutoff (a clock set back, a longer retention) keeps it
      RetentionStore horizon = new RetentionStore(f.store);
      assertThat(horizon.horizon()).contains(DAY0 + 2 * DAY);
      f.job(RetentionPolicy.parse("3d", null), 100).runOnce();
      assertThat(horizon.horizon()).contains(DAY0 + 2 * DAY);
    }
  }

  @Test
  void rowsTheSessionizerOrTheRollupJobHaveNotReadStayHoweverOld() throws Exception {
    try (RetentionFixture f = new RetentionFixture(TestStores.db(dir, "b"))) {
      f.ingestDay(0, 100);
      f.ingestDay(9, 10); // recent traffic, kept: day 0 is the old part (100 feedback items: 10; then 1)
      f.now.set(DAY0 + 10 * DAY);
      RetentionJob job = f.job(RetentionPolicy.parse("1d", null), 1000);

      job.runOnce(); // nothing read yet: nothing goes
      assertThat(f.count("events")).isEqualTo(330);
      assertThat(f.count("spans")).isEqualTo(110);
      assertThat(f.count("measurements")).isEqualTo(110);
      assertThat(f.count("feedback")).isEqualTo(11);

      f.sessionizer.runOnce(); // the sessionizer has read everything, the telemetry rollup job nothing
      job.runOnce();
      assertThat(f.count("events")).isEqualTo(30);
      assertThat(f.count("spans")).isEqualTo(110);
      assertThat(f.count("measurements")).isEqualTo(110);

      f.telemetry.runOnce();
      job.runOnce();
      assertThat(f.count("spans")).isEqualTo(10);
      assertThat(f.count("measurements")).isEqualTo(10);
      assertThat(f.count("feedback")).isEqualTo(11);

      f.feedback.runOnce(); // the feedback rollup job has read it all, the complaint job not yet
      job.runOnce();
      assertThat(f.count("feedback")).isEqualTo(11);
      f.complaints.runOnce(); // both have: the old feedback goes
      job.runOnce();
      assertThat(f.count("feedback")).isEqualTo(1);
      for (String table : RAW) {
        assertThat(f.statusCount(table)).as(table).isEqualTo(f.count(table));
      }
      assertThat(f.journeys.attemptCount()).isEqualTo(110); // rolled up before its events went
    }
  }

  @Test
  void theNewestRowStaysSoRowsArrivingAfterARunAreStillReadByTheCursors() throws Exception {
    try (RetentionFixture f = new RetentionFixture(TestStores.db(dir, "d"))) {
      f.ingestDay(0, 20);
      f.rollUp();
      f.now.set(DAY0 + 10 * DAY);
      f.job(RetentionPolicy.parse("1d", null), 1000).runOnce(); // every row is old: all but the newest go
      assertThat(f.count("events")).isEqualTo(1);
      assertThat(f.count("spans")).isEqualTo(1);
      assertThat(f.count("measurements")).isEqualTo(1);
      long attempts = f.journeys.attemptCount();

      f.ingestDay(10, 5); // new traffic after the run: a seq below the cursor would never be read
      f.rollUp();
      assertThat(f.journeys.attemptCount()).isEqualTo(attempts + 5);
      long newSpansRolledUp = f.store.jdbi().withHandle(h -> h.createQuery(
          "SELECT COALESCE(SUM(count), 0) FROM telemetry_rollups WHERE kind = 'span' AND res_ms = 60000 AND dim = '' "
              + "AND bucket_ms >= :t").bind("t", DAY0 + 10 * DAY).mapTo(Long.class).one());
      assertThat(newSpansRolledUp).isEqualTo(5);
    }
  }

  @Test
  void rollupRetentionDropsAttemptsRollupsAndSpikesOlderThanItsCutoffOnly() throws Exception {
    try (RetentionFixture f = new RetentionFixture(TestStores.db(dir, "c"))) {
      for (int day = 0; day < 4; day++) {
        f.ingestDay(day, 50);
      }
      f.rollUp();
      SpikeStore.replace(f.writer, new SpikeStore.Due("inventory-import", DAY0, DAY0 + 4 * DAY), DAY0,
          DAY0 + 4 * DAY, List.of(
          new SpikeStore.Row("inventory-import", DAY0 + 3_600_000, DAY0 + 7_200_000, 600_000, 0.5, 0.1, 4, 10),
          new SpikeStore.Row("inventory-import", DAY0 + 3 * DAY, DAY0 + 3 * DAY + 600_000, 600_000, 0.5, 0.1, 4, 10)))
          .join();
      f.now.set(DAY0 + 5 * DAY);
      long cutoff = DAY0 + 2 * DAY;
      RetentionJob.RunStats stats = f.job(RetentionPolicy.parse("1d", "3d"), 500).runOnce();

      assertThat(stats.deleted().get("journey_attempts")).isEqualTo(100);
      assertThat(f.journeys.attemptCount()).isEqualTo(100);
      assertThat(f.oldest("journey_attempts", "start_ms")).isGreaterThanOrEqualTo(cutoff);
      assertThat(f.oldest("journey_rollups", "bucket_ms")).isGreaterThanOrEqualTo(cutoff);
      assertThat(f.oldest("telemetry_rollups", "bucket_ms")).isGreaterThanOrEqualTo(cutoff);
      assertThat(f.oldest("feedback_rollups", "bucket_ms")).isGreaterThanOrEqualTo(cutoff);
      assertThat(stats.deleted().get("feedback_rollups")).isPositive();
      assertThat(f.count("feedback_rollups")).isPositive();
      assertThat(f.count("journey_spikes")).isEqualTo(1);
      // the rollups of days 2 and 3 are all still there: an hour of each level per day
      for (String table : new String[] {"journey_rollups", "telemetry_rollups"}) {
        long kept = f.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT bucket_ms) FROM " + table
            + " WHERE res_ms = 3600000").mapTo(Long.class).one());
        assertThat(kept).as(table).isEqualTo(48);
      }
    }
  }

  /** On PostgreSQL a month wholly before the cutoff goes as one partition; the batches take the month at the edge. */
  @Test
  void wholeMonthsAreDroppedAsPartitionsOnPostgresql() throws Exception {
    try (RetentionFixture f = new RetentionFixture(TestStores.postgresDb())) {
      f.ingestDay(-3, 100); // 2026-04-28: a month of its own
      f.ingestDay(0, 100);  // 2026-05-01
      f.ingestDay(2, 100);  // 2026-05-03, kept
      f.rollUp();
      f.now.set(RetentionFixture.DAY0 + 3 * RetentionFixture.DAY);
      RetentionJob.RunStats stats = f.job(RetentionPolicy.parse("2d", null), 50).runOnce();

      assertThat(stats.deleted().get("events")).isEqualTo(600); // April's 300 by partition, May 1's 300 in batches
      assertThat(f.count("events")).isEqualTo(300);
      assertThat(f.count("event_sessions")).as("index rows of dropped partitions go too").isEqualTo(300);
      assertThat(f.partitions("events")).as("April's partition is gone, May's stays")
          .contains("events_p2026_05").doesNotContain("events_p2026_04");
      for (String table : RAW) {
        assertThat(f.statusCount(table)).as(table).isEqualTo(f.count(table));
      }
    }
  }
}
