package io.uxlens.feedback;

import io.uxlens.model.BucketGrid;
import io.uxlens.model.RollupPlan;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.FeedbackRollupStore.Facts;
import io.uxlens.store.FeedbackRollupStore.Row;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Feedback tallies per bucket, journey and kind from the rollups: whole buckets of the coarsest level dividing the
 * step, whole minutes at the edges, and the rows of the partial minutes at both ends of [from, to] and of what the
 * rollup job has not reached yet, all read in one snapshot. The tallies equal those of every row in the range, so
 * the scores computed from them are the very doubles a scan gives.
 */
public final class FeedbackSeries {
  private final FeedbackRollupStore store;
  private final Vader vader;

  /** {@code vader} scores rows stored without a sentiment, as the rollup job and the feedback metrics do. */
  public FeedbackSeries(FeedbackRollupStore store, Vader vader) {
    this.store = Objects.requireNonNull(store);
    this.vader = Objects.requireNonNull(vader);
  }

  /** The buckets asked for: {@code count} of {@code step} ms from {@code start}. */
  /** A series' key: journey (null for feedback tied to none) and kind. */
  public record Key(String journey, String kind) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Objects.compare(journey, o.journey, java.util.Comparator.nullsFirst(String::compareTo));
      return c != 0 ? c : kind.compareTo(o.kind);
    }
  }

  /**
   * Tallies of feedback with time in [from, to] (inclusive, as the feedback metrics read it), of one journey (null:
   * all, including feedback tied to none), per journey and kind; a bucket nothing fell in is null. Empty when the
   * step is not whole minutes. {@code kind} (null: every kind) keeps only that kind's rows, read as such.
   */
  public Optional<Map<Key, FeedbackTally[]>> tallies(String journey, String kind, long from, long to,
      BucketGrid grid) {
    RollupPlan p = RollupPlan.of(from, to, grid.step(), FeedbackRollups.LEVELS);
    if (p == null) {
      return Optional.empty();
    }
    FeedbackRollupStore.Snapshot snap = store.snapshot(journey, kind, p.res(), p.r0(), p.r1(), p.minutes(),
        p.raw(from, to), from, to);
    Map<Key, FeedbackTally[]> out = new TreeMap<>();
    for (Row r : snap.rows()) {
      String j = r.journey().equals(FeedbackRollupStore.NO_JOURNEY) ? null : r.journey();
      FeedbackTally t = tally(out, new Key(j, r.kind()), grid, r.bucket());
      if (t != null) {
        FeedbackRollups.addTo(t, r);
      }
    }
    for (Facts f : snap.pending()) {
      FeedbackTally t = tally(out, new Key(f.journey(), f.kind()), grid, f.time());
      if (t != null) {
        t.add(f.kind(), f.score(), FeedbackRollups.sentiment(f, vader));
      }
    }
    return Optional.of(out);
  }

  private static FeedbackTally tally(Map<Key, FeedbackTally[]> out, Key key, BucketGrid grid, long t) {
    int i = grid.index(t);
    if (i < 0) {
      return null;
    }
    FeedbackTally[] cells = out.computeIfAbsent(key, k -> new FeedbackTally[grid.count()]);
    if (cells[i] == null) {
      cells[i] = new FeedbackTally();
    }
    return cells[i];
  }
}
