package io.uxlens.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Per-bucket feedback state by journey and kind (the counts and sums the feedback package keeps), the rollup job's
 * cursor, and consistent reads of rollups plus the feedback rows the job has not reached yet.
 */
public final class FeedbackRollupStore {
  /** The journey column's value for feedback tied to no journey. */
  public static final String NO_JOURNEY = "";
  private static final String FACTS = "SELECT seq, ts, journey, kind, score, sentiment, "
      + "CASE WHEN sentiment IS NULL THEN text END FROM feedback WHERE ";
  private static final RowMapper<Facts> FACTS_MAPPER = (rs, ctx) -> new Facts(rs.getLong(1), rs.getLong(2),
      rs.getString(3), rs.getString(4), RowMappers.orNull(rs, rs.getDouble(5)), RowMappers.orNull(rs, rs.getDouble(6)),
      rs.getString(7));

  private final Jdbi jdbi;

  public FeedbackRollupStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A feedback item as the rollups keep it; {@code unscoredText} is the text of an item stored without a sentiment
   * (before sentiment was scored at ingest), which readers score as the feedback metrics do, else null.
   */
  public record Facts(long seq, long time, String journey, String kind, Double score, Double sentiment,
                      String unscoredText) {}

  /** One rollup row: a bucket of one level, journey ({@link #NO_JOURNEY} for none) and kind. */
  public record Row(long resMs, long bucket, String journey, String kind, long items, long scored, long high,
                    long low, double scoreSum, long texts, long sentiments, String sentimentSum) {}

  /** How far the job has read feedback, by seq. */
  public long cursor() {
    return jdbi.withHandle(FeedbackRollupStore::cursor);
  }

  private static long cursor(Handle h) {
    return h.createQuery("SELECT seq FROM feedback_cursor WHERE name = 'feedback'").mapTo(Long.class).findOne()
        .orElse(0L);
  }

  /** The highest feedback seq stored (0 when none): the cursor has caught up when it reaches it. */
  public long head() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM feedback").mapTo(Long.class).one());
  }

  /** Up to {@code limit} feedback items that arrived after seq {@code after}, in seq order. */
  public List<Facts> after(long after, int limit) {
    return jdbi.withHandle(h -> h.createQuery(FACTS + "seq > :a ORDER BY seq LIMIT :n").bind("a", after)
        .bind("n", limit).map(FACTS_MAPPER).list());
  }

  /**
   * Adds deltas to the stored rows ({@code add} combines two rows of one key) and saves the cursor, in one
   * background writer transaction; refused when the cursor is no longer {@code from}.
   */
  public static CompletableFuture<Integer> merge(Writer writer, List<Row> deltas, BinaryOperator<Row> add,
      long from, long next) {
    return writer.submitBackground(h -> {
      // adding is not idempotent: deltas read past a cursor another instance has moved since would count twice
      if (cursor(h) != from) {
        throw new StoreException("feedback rollup cursor moved from " + from + " while this run read; retrying");
      }
      Map<List<Object>, Row> stored = new HashMap<>();
      for (Row d : deltas) {
        h.createQuery("SELECT items, scored, high, low, score_sum, texts, sentiments, sentiment_sum FROM "
                + "feedback_rollups WHERE res_ms = :r AND bucket_ms = :b AND journey = :j AND kind = :k")
            .bind("r", d.resMs()).bind("b", d.bucket()).bind("j", d.journey()).bind("k", d.kind())
            .map((rs, ctx) -> new Row(d.resMs(), d.bucket(), d.journey(), d.kind(), rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getString(8)))
            .findOne().ifPresent(r -> stored.put(key(r), r));
      }
      List<Row> out = new ArrayList<>(deltas.size());
      for (Row d : deltas) {
        Row old = stored.get(key(d));
        out.add(old == null ? d : add.apply(old, d));
      }
      save(h, out, next);
      return out.size();
    });
  }

  private static List<Object> key(Row r) {
    return List.of(r.resMs(), r.bucket(), r.journey(), r.kind());
  }

  private static void save(Handle h, List<Row> rows, long cursor) {
    if (!rows.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("INSERT INTO feedback_rollups (res_ms, bucket_ms, journey, kind, items, "
          + "scored, high, low, score_sum, texts, sentiments, sentiment_sum) VALUES (:r, :b, :j, :k, :n, :s, :hi, "
          + ":lo, :sum, :t, :sn, :ss) ON CONFLICT (res_ms, bucket_ms, journey, kind) DO UPDATE SET "
          + "items = excluded.items, scored = excluded.scored, high = excluded.high, low = excluded.low, "
          + "score_sum = excluded.score_sum, texts = excluded.texts, sentiments = excluded.sentiments, "
          + "sentiment_sum = excluded.sentiment_sum");
      for (Row r : rows) {
        batch.bind("r", r.resMs()).bind("b", r.bucket()).bind("j", r.journey()).bind("k", r.kind())
            .bind("n", r.items()).bind("s", r.scored()).bind("hi", r.high()).bind("lo", r.low())
            .bind("sum", r.scoreSum()).bind("t", r.texts()).bind("sn", r.sentiments()).bind("ss", r.sentimentSum())
            .add();
      }
      batch.execute();
    }
    h.createUpdate("INSERT INTO feedback_cursor (name, seq) VALUES ('feedback', :s) ON CONFLICT (name) DO UPDATE "
        + "SET seq = :s").bind("s", cursor).execute();
  }

  /** A consistent read: rollup rows, then the feedback rows that are not in them. */
  public record Snapshot(List<Row> rows, List<Facts> pending) {}

  /**
   * Rows at resolution {@code res} with buckets in [resFrom, resTo) and at minute resolution in the minute ranges
   * given, plus every item the job has not rolled up yet with time in [from, to] and each rolled-up item in the raw
   * ranges (the partial minutes at the edges), of one journey ({@code journey}; null: every journey and none), all
   * in one transaction so nothing is counted twice or missed.
   */
  public Snapshot snapshot(String journey, String kind, long res, long resFrom, long resTo, long[][] minuteRanges,
      long[][] rawRanges, long from, long to) {
    String of = (journey == null ? "" : " AND journey = :j") + (kind == null ? "" : " AND kind = :k");
    return jdbi.inTransaction(Dialect.of(jdbi).snapshotIsolation(), h -> {
      long seq = cursor(h);
      List<Row> rows = new ArrayList<>(rows(h, journey, kind, res, resFrom, resTo));
      for (long[] m : minuteRanges) {
        rows.addAll(rows(h, journey, kind, 60_000L, m[0], m[1]));
      }
      List<Facts> pending = new ArrayList<>();
      for (long[] r : rawRanges) {
        if (r[0] < r[1]) {
          var q = h.createQuery(FACTS + "ts >= :a AND ts < :b AND seq <= :c" + of).bind("a", r[0])
              .bind("b", r[1]).bind("c", seq);
          pending.addAll(bindSegment(q, journey, kind).map(FACTS_MAPPER).list());
        }
      }
      // driven by seq, not the ts index: the job is usually near the head, while a week holds every row
      var q = h.createQuery(FACTS + "seq > :c AND ts + 0 >= :a AND ts + 0 <= :b" + of).bind("a", from)
          .bind("b", to).bind("c", seq);
      pending.addAll(bindSegment(q, journey, kind).map(FACTS_MAPPER).list());
      return new Snapshot(rows, pending);
    });
  }

  /** Binds {@code :j} and {@code :k} where the query names them (a null journey or kind: every one). */
  private static org.jdbi.v3.core.statement.Query bindSegment(org.jdbi.v3.core.statement.Query q, String journey,
      String kind) {
    if (journey != null) {
      q.bind("j", journey);
    }
    if (kind != null) {
      q.bind("k", kind);
    }
    return q;
  }

  private static List<Row> rows(Handle h, String journey, String kind, long res, long from, long to) {
    if (from >= to) {
      return List.of();
    }
    var q = h.createQuery("SELECT bucket_ms, journey, kind, items, scored, high, low, score_sum, texts, sentiments, "
            + "sentiment_sum FROM feedback_rollups WHERE res_ms = :r AND bucket_ms >= :a AND bucket_ms < :b"
            + (journey == null ? "" : " AND journey = :j") + (kind == null ? "" : " AND kind = :k"))
        .bind("r", res).bind("a", from).bind("b", to);
    return bindSegment(q, journey, kind).map((rs, ctx) -> new Row(res, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9), rs.getLong(10),
        rs.getString(11))).list();
  }
}
