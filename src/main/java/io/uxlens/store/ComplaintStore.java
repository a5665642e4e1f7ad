package io.uxlens.store;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The phrases of each complaint and their per-day counts (what the complaint job keeps), the job's cursor and the
 * fingerprint of the lexicon it wrote with, and consistent reads of them plus the feedback the job has not reached.
 */
public final class ComplaintStore {
  /** The journey column's value for feedback tied to no journey. */
  public static final String NO_JOURNEY = "";
  /** The phrase of the row standing for a complaint itself, phrases or not. */
  public static final String DOCUMENT = "";
  public static final long DAY = 86_400_000L;
  private static final String CURSOR = "complaints";
  private static final String LEXICON = "lexicon";
  private static final String ITEM = "SELECT seq, id, kind, score, text, user_id, session_id, journey, ts, sentiment, "
      + "tags, source FROM feedback WHERE ";
  private static final String PHRASE = "SELECT phrase, ts, seq, journey, sentiment, surface, verbatim, worded "
      + "FROM complaint_phrases WHERE ";
  private static final RowMapper<PhraseRow> PHRASE_MAPPER = (rs, ctx) -> new PhraseRow(rs.getString(1),
      rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getDouble(5), rs.getString(6), rs.getInt(7) != 0,
      rs.getInt(8) != 0);

  private final Jdbi jdbi;

  public ComplaintStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A stored feedback item and its arrival order. */
  public record Item(long seq, Feedback feedback) {}

  /** One complaint naming one phrase ({@link #DOCUMENT}: the complaint itself). */
  public record PhraseRow(String phrase, long ts, long seq, String journey, double sentiment, String surface,
                          boolean verbatim, boolean worded) {}

  /** A phrase's mentions on one UTC day in one journey; {@code sentimentSum} as ExactSum encodes it. */
  public record DayRow(long day, String journey, String phrase, long mentions, long worded, String sentimentSum) {}

  /** How far the job has read feedback, by seq. */
  public long cursor() {
    return jdbi.withHandle(h -> cursor(h, CURSOR).orElse(0L));
  }

  /** The fingerprint of the lexicon the stored rows were written with; empty before the job first ran. */
  public Optional<Long> lexicon() {
    return jdbi.withHandle(h -> cursor(h, LEXICON));
  }

  private static Optional<Long> cursor(Handle h, String name) {
    return h.createQuery("SELECT seq FROM complaint_cursor WHERE name = :n").bind("n", name).mapTo(Long.class)
        .findOne();
  }

  /** Up to {@code limit} feedback items that arrived after seq {@code after}, in seq order. */
  public List<Item> after(long after, int limit) {
    return jdbi.withHandle(h -> h.createQuery(ITEM + "seq > :a ORDER BY seq LIMIT :n").bind("a", after)
        .bind("n", limit).map(ComplaintStore::item).list());
  }

  private static Item item(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Item(rs.getLong("seq"), ctx.findRowMapperFor(Feedback.class).orElseThrow().map(rs, ctx));
  }

  /** Forgets every row and starts again from the first feedback item, written under lexicon {@code fingerprint}. */
  public static CompletableFuture<Integer> reset(Writer writer, long fingerprint) {
    return writer.submitBackground(h -> {
      h.execute("DELETE FROM complaint_phrases");
      h.execute("DELETE FROM complaint_days");
      saveCursor(h, CURSOR, 0);
      saveCursor(h, LEXICON, fingerprint);
      return 0;
    });
  }

  /**
   * Inserts the phrases of the items read, adds the day deltas to the stored rows ({@code add} combines two rows of
   * one key) and saves the cursor, in one background writer transaction; refused when the cursor is no longer
   * {@code from} or the rows were written under another lexicon.
   */
  public static CompletableFuture<Integer> save(Writer writer, long fingerprint, List<PhraseRow> phrases,
      List<DayRow> days, BinaryOperator<DayRow> add, long from, long next) {
    return writer.submitBackground(h -> {
      // adding is not idempotent: deltas read past a cursor another instance has moved since would count twice
      if (cursor(h, CURSOR).orElse(0L) != from || !cursor(h, LEXICON).equals(Optional.of(fingerprint))) {
        throw new StoreException("complaint cursor moved from " + from + " while this run read; retrying");
      }
      if (!phrases.isEmpty()) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO complaint_phrases (phrase, ts, seq, journey, sentiment, "
            + "surface, verbatim, worded) VALUES (:p, :t, :s, :j, :e, :w, :v, :o)");
        for (PhraseRow r : phrases) {
          batch.bind("p", r.phrase()).bind("t", r.ts()).bind("s", r.seq()).bind("j", r.journey())
              .bind("e", r.sentiment()).bind("w", r.surface()).bind("v", r.verbatim() ? 1 : 0)
              .bind("o", r.worded() ? 1 : 0).add();
        }
        batch.execute();
      }
      List<DayRow> out = new ArrayList<>(days.size());
      for (DayRow d : days) {
        Optional<DayRow> old = h.createQuery("SELECT mentions, worded, sentiment_sum FROM complaint_days "
                + "WHERE day_ms = :d AND journey = :j AND phrase = :p")
            .bind("d", d.day()).bind("j", d.journey()).bind("p", d.phrase())
            .map((rs, ctx) -> new DayRow(d.day(), d.journey(), d.phrase(), rs.getLong(1), rs.getLong(2),
                rs.getString(3))).findOne();
        out.add(old.isEmpty() ? d : add.apply(old.get(), d));
      }
      if (!out.isEmpty()) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO complaint_days (day_ms, journey, phrase, mentions, worded, "
            + "sentiment_sum) VALUES (:d, :j, :p, :m, :w, :s) ON CONFLICT (day_ms, journey, phrase) DO UPDATE SET "
            + "mentions = excluded.mentions, worded = excluded.worded, sentiment_sum = excluded.sentiment_sum");
        for (DayRow d : out) {
          batch.bind("d", d.day()).bind("j", d.journey()).bind("p", d.phrase()).bind("m", d.mentions())
              .bind("w", d.worded()).bind("s", d.sentimentSum()).add();
        }
        batch.execute();
      }
      saveCursor(h, CURSOR, next);
      return phrases.size();
    });
  }

  private static void saveCursor(Handle h, String name, long value) {
    h.createUpdate("INSERT INTO complaint_cursor (name, seq) VALUES (:n, :s) ON CONFLICT (name) DO UPDATE "
        + "SET seq = :s").bind("n", name).bind("s", value).execute();
  }

  /** Runs {@code reader} on one consistent snapshot of the complaint rows and the feedback table. */
  public <R> R read(Function<View, R> reader) {
    return jdbi.inTransaction(Dialect.of(jdbi).snapshotIsolation(), h -> reader.apply(new View(h)));
  }

  /** The complaint rows and the feedback they came from, as of one snapshot; valid inside {@link #read} only. */
  public static final class View {
    private final Handle h;
    private final long cursor;
    private final Optional<Long> lexicon;

    View(Handle h) {
      this.h = h;
      this.cursor = ComplaintStore.cursor(h, CURSOR).orElse(0L);
      this.lexicon = ComplaintStore.cursor(h, LEXICON);
    }

    public long cursor() {
      return cursor;
    }

    public Optional<Long> lexicon() {
      return lexicon;
    }

    /** The retention horizon: feedback older than it may be gone. */
    public Optional<Long> horizon() {
      return RetentionStore.horizon(h);
    }

    /** Day rows with fromDay <= day < toDay, of one journey (null: every journey and none). */
    public List<DayRow> days(String journey, long fromDay, long toDay) {
      if (fromDay >= toDay) {
        return List.of();
      }
      Query q = h.createQuery("SELECT day_ms, journey, phrase, mentions, worded, sentiment_sum FROM complaint_days "
          + "WHERE day_ms >= :a AND day_ms < :b" + (journey == null ? "" : " AND journey = :j"))
          .bind("a", fromDay).bind("b", toDay);
      return journey(q, journey).map((rs, ctx) -> new DayRow(rs.getLong(1), rs.getString(2), rs.getString(3),
          rs.getLong(4), rs.getLong(5), rs.getString(6))).list();
    }

    /** Phrase rows of complaints the job has read with from <= ts < to, of one journey (null: any). */
    public List<PhraseRow> between(String journey, long from, long to) {
      if (from >= to) {
        return List.of();
      }
      Query q = h.createQuery(PHRASE + "ts >= :a AND ts < :b AND seq <= :c"
          + (journey == null ? "" : " AND journey = :j")).bind("a", from).bind("b", to).bind("c", cursor);
      return journey(q, journey).map(PHRASE_MAPPER).list();
    }

    /**
     * The rows of one phrase with from <= ts < to, of one journey (null: any), in time then arrival order; their
     * {@code worded} is not read (always true).
     */
    public List<PhraseRow> mentions(String phrase, String journey, long from, long to) {
      // only the columns a mention needs: a top theme has thousands of rows
      Query q = h.createQuery("SELECT ts, seq, journey, sentiment, surface, verbatim FROM complaint_phrases "
              + "WHERE phrase = :p AND ts >= :a AND ts < :b AND seq <= :c"
              + (journey == null ? "" : " AND journey = :j") + " ORDER BY ts, seq")
          .bind("p", phrase).bind("a", from).bind("b", to).bind("c", cursor);
      return journey(q, journey).map((rs, ctx) -> new PhraseRow(phrase, rs.getLong(1), rs.getLong(2),
          rs.getString(3), rs.getDouble(4), rs.getString(5), rs.getInt(6) != 0, true)).list();
    }

    /**
     * Feedback with text the job has not read yet with from <= ts < to, of one journey (null: any), in time then
     * arrival order.
     */
    public List<Item> pending(String journey, long from, long to) {
      // driven by seq, not the ts index: the job is usually near the head, while a sprint holds every row (and
      // ordered here: ORDER BY ts had SQLite walk the ts index through the whole table to skip a sort)
      Query q = h.createQuery(ITEM + "seq > :c AND ts + 0 >= :a AND ts + 0 < :b AND text IS NOT NULL AND text <> ''"
              + (journey == null ? "" : " AND journey = :j") + " ORDER BY seq")
          .bind("a", from).bind("b", to).bind("c", cursor);
      List<Item> items = new ArrayList<>(journey(q, journey).map(ComplaintStore::item).list());
      items.sort(java.util.Comparator.comparingLong((Item i) -> i.feedback().timestamp()).thenComparingLong(Item::seq));
      return items;
    }

    /** The stored text of one feedback item (null when gone). */
    public String text(long seq) {
      return h.createQuery("SELECT text FROM feedback WHERE seq = :s").bind("s", seq).mapTo(String.class)
          .findOne().orElse(null);
    }
  }

  private static Query journey(Query q, String journey) {
    return journey == null ? q : q.bind("j", journey);
  }
}
