package io.uxlens.feedback;

import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.FeedbackRollupStore.Facts;
import io.uxlens.store.FeedbackRollupStore.Row;
import io.uxlens.store.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Keeps the feedback rollups in step with the feedback table: each run reads what arrived since the cursor (a
 * bounded chunk at a time), adds it to the 1-minute, 10-minute and 1-hour rows of its journey and kind, and moves
 * the cursor in the same background write. Feedback never changes once stored, so adding is exact, and a re-run
 * after a crash starts again from the saved cursor.
 */
public final class FeedbackRollups {
  public static final long MINUTE = 60_000L;
  public static final long TEN_MINUTES = 600_000L;
  public static final long HOUR = 3_600_000L;
  /** Coarsest first: a query reads the coarsest level whose buckets divide its own. */
  static final long[] LEVELS = {HOUR, TEN_MINUTES, MINUTE};
  static final int CHUNK = 20_000;

  private final FeedbackRollupStore store;
  private final Writer writer;
  private final Vader vader;

  /** {@code vader} scores items stored without a sentiment, as the feedback metrics do on read. */
  public FeedbackRollups(FeedbackRollupStore store, Writer writer, Vader vader) {
    this.store = Objects.requireNonNull(store);
    this.writer = Objects.requireNonNull(writer);
    this.vader = Objects.requireNonNull(vader);
  }

  /** Rolls up everything stored now; returns the items added. */
  public synchronized long runOnce() {
    long added = 0;
    while (true) {
      long cursor = store.cursor();
      List<Facts> items = store.after(cursor, CHUNK);
      if (items.isEmpty()) {
        return added;
      }
      Map<List<Object>, FeedbackTally> deltas = new LinkedHashMap<>();
      for (Facts f : items) {
        Double sentiment = sentiment(f, vader);
        String journey = f.journey() == null ? FeedbackRollupStore.NO_JOURNEY : f.journey();
        for (long res : LEVELS) {
          deltas.computeIfAbsent(List.of(res, Math.floorDiv(f.time(), res) * res, journey, f.kind()),
              k -> new FeedbackTally()).add(f.kind(), f.score(), sentiment);
        }
      }
      List<Row> rows = new ArrayList<>(deltas.size());
      deltas.forEach((k, t) -> rows.add(row((Long) k.get(0), (Long) k.get(1), (String) k.get(2), (String) k.get(3),
          t)));
      try {
        FeedbackRollupStore.merge(writer, rows, FeedbackRollups::sum, cursor, items.get(items.size() - 1).seq())
            .get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while saving feedback rollups", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("saving feedback rollups failed: " + e.getCause().getMessage(),
            e.getCause());
      }
      added += items.size();
    }
  }

  /**
   * An item's sentiment as the feedback metrics see it: the stored one, or for an item stored without one (before
   * sentiment was scored at ingest) its text scored now.
   */
  static Double sentiment(Facts f, Vader vader) {
    if (f.sentiment() != null || f.unscoredText() == null || f.unscoredText().isBlank()) {
      return f.sentiment();
    }
    return vader.compound(f.unscoredText());
  }

  /** Adds a rollup row's state to a tally. */
  static void addTo(FeedbackTally t, Row r) {
    t.add(r.items(), r.scored(), r.high(), r.low(), r.scoreSum(), r.texts(), r.sentiments(), r.sentimentSum());
  }

  private static Row row(long res, long bucket, String journey, String kind, FeedbackTally t) {
    return new Row(res, bucket, journey, kind, t.items(), t.scored(), t.high(), t.low(), t.scoreSum(), t.texts(),
        t.sentiments(), t.sentimentSumEncoded());
  }

  private static Row sum(Row a, Row b) {
    FeedbackTally t = new FeedbackTally();
    addTo(t, a);
    addTo(t, b);
    return row(a.resMs(), a.bucket(), a.journey(), a.kind(), t);
  }
}
