package io.uxlens.store;

import io.uxlens.model.Attempt;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The sessionizer's writes inside one writer transaction: attempts, their rollups and the cursor commit together.
 * It hides the JDBI handle, so the journey engine works on records and never sees SQL.
 */
public final class AttemptTransaction {
  private final Handle h;

  private AttemptTransaction(Handle h) {
    this.h = h;
  }

  /**
   * Runs {@code op} as background work of the single writer (ingest goes first); the future completes after the
   * commit.
   */
  public static <R> CompletableFuture<R> submit(Writer writer, Function<AttemptTransaction, R> op) {
    return writer.submitBackground(h -> op.apply(new AttemptTransaction(h)));
  }

  public List<Attempt> attemptsOfSessions(Collection<String> sessionKeys) {
    return JourneyStore.attemptsOfSessions(h, sessionKeys);
  }

  /** Deletes these attempts (by id) and inserts those: what a recompute changed. */
  public void changeAttempts(Collection<Attempt> removed, List<Attempt> added) {
    JourneyStore.changeAttempts(h, removed, added);
  }

  /** Replaces every attempt of these sessions with the ones given (writing only those that differ). */
  public void replaceAttempts(Collection<String> sessionKeys, List<Attempt> attempts) {
    JourneyStore.replaceAttempts(h, sessionKeys, attempts);
  }

  /** Indexes events by session key up to this seq ({@link EventSessions}): the sessionizer's reads go through it. */
  public void indexEventSessions(long upToSeq) {
    EventSessions.indexUpTo(h, upToSeq);
  }

  /** Saves the cursor, ending an older store's rebuild once it has passed where the store was. */
  public void saveCursor(JourneyStore.Cursor cursor) {
    JourneyStore.saveCursor(h, cursor);
    JourneyRollupStore.rebuildReached(h, cursor.events());
  }

  /**
   * Marks (journey, minute) rollup buckets whose attempts changed. They are rebuilt by whichever later write of the
   * sessionizer takes them ({@link #takeDirtyMinutes}): a minute touched by many writes of one step is rebuilt once,
   * and a write that fails or a crash between them loses no mark.
   */
  public void markDirtyMinutes(Collection<Map.Entry<String, Long>> minutes) {
    JourneyRollupStore.markDirty(h, minutes);
  }

  /** The minutes marked so far, unmarked: the caller rebuilds their rollups in this transaction. */
  public List<Map.Entry<String, Long>> takeDirtyMinutes() {
    return JourneyRollupStore.takeDirty(h);
  }

  /**
   * Marks these journeys' ranges of attempt starts for the spike scan ({@link SpikeStore#due}): with the rollups
   * they were refreshed from, so a stop before the scan leaves them due.
   */
  public void markSpikeScansDue(Collection<SpikeStore.Due> ranges) {
    SpikeStore.markDue(h, ranges);
  }

  public List<Attempt> attemptsStartingIn(String journey, long from, long to) {
    return JourneyStore.attemptsStartingIn(h, journey, from, to);
  }

  /** Replaces the rows of these buckets (one journey, one resolution); a bucket mapped to no rows is emptied. */
  public void replaceRollups(String journey, long resolutionMs, Map<Long, List<JourneyRollupStore.Row>> rows) {
    JourneyRollupStore.replace(h, journey, resolutionMs, rows);
  }

  public List<JourneyRollupStore.Row> rollupRowsIn(String journey, long resolutionMs, long from, long to) {
    return JourneyRollupStore.rowsIn(h, journey, resolutionMs, from, to);
  }

  /**
   * The retention horizon (epoch ms) as of this transaction, or Long.MIN_VALUE when no raw row was ever dropped:
   * events before it may be gone, so attempts starting before it are kept as stored.
   */
  public long retentionHorizon() {
    return RetentionStore.horizon(h).orElse(Long.MIN_VALUE);
  }

  /** Whether the sessionizer is rebuilding an older store's attempts and rollups (migration V8). */
  public boolean rollupsRebuilding() {
    return JourneyRollupStore.rebuilding(h);
  }
}
