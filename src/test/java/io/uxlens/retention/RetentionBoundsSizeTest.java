package io.uxlens.retention;

import static io.uxlens.retention.RetentionFixture.DAY;
import static io.uxlens.retention.RetentionFixture.DAY0;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.store.RetentionJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Retention keeps a store's size bounded": the same simulated days of traffic go into two SQLite stores, one with
 * retention running at the end of each day (the clock is moved, nothing sleeps), one without. SQLite does not shrink
 * its file on DELETE, but it reuses the freed pages: the first file stops growing once deletions match ingest, the
 * control keeps growing by about a day of data per day. The sizes are those of the file after a WAL checkpoint.
 */
class RetentionBoundsSizeTest {
  private static final int DAYS = 9;
  private static final int SESSIONS_PER_DAY = 80;

  @TempDir
  Path dir;

  @Test
  void theFileStopsGrowingWithRetentionAndKeepsGrowingWithout() throws Exception {
    List<Long> kept = sizesPerDay(dir.resolve("retention.db"), RetentionPolicy.parse("2d", "4d"));
    List<Long> control = sizesPerDay(dir.resolve("control.db"), RetentionPolicy.KEEP_ALL);

    // control: every day adds about a day of data to the file
    for (int day = 1; day < DAYS; day++) {
      assertThat(control.get(day)).as("control, day %d (sizes %s)", day, control).isGreaterThan(control.get(day - 1));
    }
    // retention: once the 4-day rollups start going (day 5), the file holds still; freed pages are reused, give or
    // take a few pages of fragmentation: under 5% of what the control grew by over the same days
    long controlGrowth = control.get(DAYS - 1) - control.get(5);
    long keptGrowth = kept.get(DAYS - 1) - kept.get(5);
    assertThat(keptGrowth).as("with retention: sizes %s; control %s", kept, control)
        .isLessThan(controlGrowth / 20);
    assertThat(kept.get(DAYS - 1)).isLessThan(control.get(DAYS - 1) * 3 / 4);
  }

  /** The checkpointed file size at the end of each simulated day. */
  private static List<Long> sizesPerDay(Path file, RetentionPolicy policy) throws Exception {
    List<Long> sizes = new ArrayList<>();
    try (RetentionFixture f = new RetentionFixture(file)) {
      RetentionJob job = f.job(policy, 2_000);
      for (int day = 0; day < DAYS; day++) {
        f.ingestDay(day, SESSIONS_PER_DAY);
        f.rollUp();
        f.now.set(DAY0 + (day + 1) * DAY);
        job.runOnce();
        sizes.add(f.checkpointedFileBytes());
      }
    }
    return sizes;
  }
}
