package io.uxlens.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Per-bucket span and measurement state (opaque sketch bytes built by the telemetry package), the rollup job's
 * cursor, and consistent reads of rollups plus the rows the job has not reached yet.
 */
public final class TelemetryRollupStore {
  /** The kind of span rows; measurement rows are {@code measurement:<name>}. */
  public static final String SPAN = "span";
  /** The dimension of the rows over everything. */
  public static final String ALL = "";

  private final Jdbi jdbi;

  public TelemetryRollupStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** How far the job has read each table, by seq. */
  public record Cursor(long spans, long measurements) {}

  /** A span as the rollups keep it. */
  public record SpanFacts(long seq, long start, double durationMs, boolean error, String service, String name,
                          Integer httpStatus, String dbSystem) {}

  /** A measurement as the rollups keep it. */
  public record MeasurementFacts(long seq, long time, String name, double value) {}

  /** The quantiles kept beside each row's sketch, in columns p50 ... p99. */
  public static final double[] QUANTILES = {0.50, 0.75, 0.90, 0.95, 0.99};
  /** Their columns, named after them (p50 ... p99), each also the name of its bind parameter. */
  private static final List<String> QUANTILE_NAMES = java.util.Arrays.stream(QUANTILES)
      .mapToObj(q -> "p" + Math.round(q * 100)).toList();
  private static final String QUANTILE_COLUMNS = String.join(", ", QUANTILE_NAMES);
  /** More late buckets than this and the whole level range is read again with its sketches. */
  private static final int LATE_BUCKETS_ONE_BY_ONE = 16;

  /**
   * One rollup row; {@code state} is the sketch's bytes, {@code quantiles} its values at {@link #QUANTILES} (null
   * where a row predates them, or where the row is only a key).
   */
  public record Row(String kind, long resMs, String dim, String dimValue, long bucket, long count, long errors,
                    byte[] state, double[] quantiles) {}

  public Cursor cursor() {
    return jdbi.withHandle(TelemetryRollupStore::cursor);
  }

  private static Cursor cursor(Handle h) {
    long[] c = new long[2];
    h.createQuery("SELECT name, seq FROM telemetry_cursor").map((rs, ctx) -> {
      c[rs.getString(1).equals("spans") ? 0 : 1] = rs.getLong(2);
      return null;
    }).list();
    return new Cursor(c[0], c[1]);
  }

  /** Up to {@code limit} spans that arrived after seq {@code after}, in seq order. */
  public List<SpanFacts> spansAfter(long after, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT seq, start_ms, duration_ms, status, service, name, http_status, "
            + "db_system FROM spans WHERE seq > :a ORDER BY seq LIMIT :n").bind("a", after).bind("n", limit)
        .map((rs, ctx) -> new SpanFacts(rs.getLong(1), rs.getLong(2), rs.getDouble(3),
            "error".equals(rs.getString(4)), rs.getString(5), rs.getString(6), RowMappers.orNull(rs, rs.getInt(7)),
            rs.getString(8))).list());
  }

  /** Up to {@code limit} measurements that arrived after seq {@code after}, in seq order. */
  public List<MeasurementFacts> measurementsAfter(long after, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT seq, ts, name, value FROM measurements WHERE seq > :a "
            + "ORDER BY seq LIMIT :n").bind("a", after).bind("n", limit)
        .map((rs, ctx) -> new MeasurementFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4)))
        .list());
  }

  /**
   * Merges deltas into the stored rows ({@code mergeRows} combines a stored row with its delta: counts, state and
   * quantiles) and saves the cursor, in one background writer transaction: what the rollup job runs after reading
   * rows past the cursor.
   */
  public static java.util.concurrent.CompletableFuture<Integer> merge(Writer writer, List<Row> deltas,
      java.util.function.BinaryOperator<Row> mergeRows, Cursor from, Cursor next) {
    return writer.submitBackground(h -> {
      // adding is not idempotent: deltas read past a cursor that has moved since (another instance's run during a
      // leadership change) would count twice, so they are dropped and the next run reads again
      if (!cursor(h).equals(from)) {
        throw new StoreException("telemetry rollup cursor moved from " + from + " while this run read; retrying");
      }
      java.util.Map<List<Object>, Row> stored = new java.util.HashMap<>();
      for (Row r : existing(h, deltas)) {
        stored.put(key(r), r);
      }
      List<Row> out = new ArrayList<>(deltas.size());
      for (Row d : deltas) {
        Row old = stored.get(key(d));
        out.add(old == null ? d : mergeRows.apply(old, d));
      }
      save(h, out, next);
      return out.size();
    });
  }

  /**
   * Up to {@code limit} rows without quantiles of their own (written before they were kept, or added to by an older
   * instance since), in primary key order after {@code after}'s key (null: from the first).
   */
  public List<Row> withoutQuantiles(Row after, int limit) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT kind, res_ms, dim, dim_value, bucket_ms, count, errors, state FROM "
          + "telemetry_rollups WHERE " + (after == null ? "" : "(kind, res_ms, dim, bucket_ms, dim_value) > "
          + "(:k, :r, :d, :b, :v) AND ") + "(quantiles_of IS NULL OR quantiles_of <> count) "
          + "ORDER BY kind, res_ms, dim, bucket_ms, dim_value LIMIT :n");
      if (after != null) {
        q.bind("k", after.kind()).bind("r", after.resMs()).bind("d", after.dim()).bind("b", after.bucket())
            .bind("v", after.dimValue());
      }
      return q.bind("n", limit).map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3),
          rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBytes(8), null)).list();
    });
  }

  /**
   * Stores these rows' quantiles where the row's count is still the one they were computed at, in one background
   * write: a row the rollup job merged into since it was read has the quantiles of its newer state already.
   */
  public static java.util.concurrent.CompletableFuture<Integer> fillQuantiles(Writer writer, List<Row> rows) {
    return writer.submitBackground(h -> {
      PreparedBatch batch = h.prepareBatch("UPDATE telemetry_rollups SET " + quantileAssignments(":")
          + ", quantiles_of = :n WHERE kind = :k AND res_ms = :r AND dim = :d AND bucket_ms = :b "
          + "AND dim_value = :v AND count = :n");
      for (Row r : rows) {
        batch.bind("k", r.kind()).bind("r", r.resMs()).bind("d", r.dim()).bind("v", r.dimValue())
            .bind("b", r.bucket()).bind("n", r.count());
        bindQuantiles(batch, r.quantiles());
        batch.add();
      }
      return rows.isEmpty() ? 0 : java.util.Arrays.stream(batch.execute()).sum();
    });
  }

  private static List<Object> key(Row r) {
    return List.of(r.kind(), r.resMs(), r.dim(), r.dimValue(), r.bucket());
  }

  /** The stored rows for these keys (kind, res, dim, value, bucket), inside the writer's transaction. */
  static List<Row> existing(Handle h, List<Row> keys) {
    List<Row> out = new ArrayList<>();
    for (Row k : keys) {
      h.createQuery("SELECT count, errors, state FROM telemetry_rollups WHERE kind = :k AND res_ms = :r "
              + "AND dim = :d AND bucket_ms = :b AND dim_value = :v")
          .bind("k", k.kind()).bind("r", k.resMs()).bind("d", k.dim()).bind("b", k.bucket()).bind("v", k.dimValue())
          .map((rs, ctx) -> new Row(k.kind(), k.resMs(), k.dim(), k.dimValue(), k.bucket(), rs.getLong(1),
              rs.getLong(2), rs.getBytes(3), null)).findOne().ifPresent(out::add);
    }
    return out;
  }

  /** Writes rows (replacing any with the same key) and the cursor, inside the writer's transaction. */
  static void save(Handle h, List<Row> rows, Cursor cursor) {
    if (!rows.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("INSERT INTO telemetry_rollups (kind, res_ms, dim, dim_value, "
          + "bucket_ms, count, errors, state, " + QUANTILE_COLUMNS + ", quantiles_of) VALUES (:k, :r, :d, :v, :b, "
          + ":n, :e, :s, :" + String.join(", :", QUANTILE_NAMES) + ", :of) ON CONFLICT (kind, res_ms, dim, bucket_ms, "
          + "dim_value) DO UPDATE SET count = excluded.count, errors = excluded.errors, state = excluded.state, "
          + quantileAssignments("excluded.") + ", quantiles_of = excluded.quantiles_of");
      for (Row r : rows) {
        batch.bind("k", r.kind()).bind("r", r.resMs()).bind("d", r.dim()).bind("v", r.dimValue())
            .bind("b", r.bucket()).bind("n", r.count()).bind("e", r.errors()).bind("s", r.state())
            .bind("of", r.quantiles() == null ? null : r.count());
        bindQuantiles(batch, r.quantiles());
        batch.add();
      }
      batch.execute();
    }
    for (String name : new String[] {"spans", "measurements"}) {
      h.createUpdate("INSERT INTO telemetry_cursor (name, seq) VALUES (:n, :s) ON CONFLICT (name) DO UPDATE SET "
              + "seq = :s").bind("n", name).bind("s", name.equals("spans") ? cursor.spans() : cursor.measurements())
          .execute();
    }
  }

  /**
   * What a read of rollup rows brings besides counts: nothing ({@code COUNTS}, answered from an index); the
   * stored quantiles of each row of the level read, and the sketches of rows without them and of the minute rows
   * at the edges ({@code QUANTILES}, for buckets that are one row of that level); or every row's sketch.
   */
  public enum Detail { COUNTS, QUANTILES, SKETCHES }

  /** "p50 = {from}p50, p75 = {from}p75, ...": the quantile columns set from bind parameters or excluded values. */
  private static String quantileAssignments(String from) {
    return String.join(", ", QUANTILE_NAMES.stream().map(n -> n + " = " + from + n).toList());
  }

  /** Binds each quantile column's parameter: the row's value, or NULL when it keeps none. */
  private static void bindQuantiles(PreparedBatch batch, double[] quantiles) {
    for (int i = 0; i < QUANTILE_NAMES.size(); i++) {
      batch.bind(QUANTILE_NAMES.get(i), quantiles == null ? null : quantiles[i]);
    }
  }

  /** A consistent read: rollup rows, then the raw rows the job had not reached when they were read. */
  public record Snapshot<F>(List<Row> rows, List<F> pending) {}

  /**
   * Span rows of one dimension at resolution {@code res} with buckets in [resFrom, resTo) and at minute
   * resolution in the two minute ranges given, plus every span the job has not rolled up yet that starts in
   * [from, to] and each span starting in the two raw ranges (the partial minutes at the edges), all in one
   * transaction so nothing is counted twice or missed.
   */
  public Snapshot<SpanFacts> spans(String dim, long res, long resFrom, long resTo, long[][] minuteRanges,
                                   long[][] rawRanges, long from, long to, Detail detail) {
    return snapshot(SPAN, dim, res, resFrom, resTo, minuteRanges, rawRanges, from, to, detail, Cursor::spans,
        "SELECT seq, start_ms, duration_ms, status, service, name, http_status, db_system FROM spans WHERE "
            + "start_ms >= :a AND start_ms ",
        "SELECT seq, start_ms, duration_ms, status, service, name, http_status, db_system FROM spans WHERE "
            + "seq > :c AND start_ms + 0 >= :a AND start_ms + 0 <= :b", Map.of(), SpanFacts::start,
        (rs, ctx) -> new SpanFacts(rs.getLong(1), rs.getLong(2),
            rs.getDouble(3), "error".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
            RowMappers.orNull(rs, rs.getInt(7)), rs.getString(8)));
  }

  /** The same for measurements of one name (dimension {@link #ALL} only). */
  public Snapshot<MeasurementFacts> measurements(String name, long res, long resFrom, long resTo,
                                                 long[][] minuteRanges, long[][] rawRanges, long from, long to,
                                                 Detail detail) {
    return snapshot("measurement:" + name, ALL, res, resFrom, resTo, minuteRanges, rawRanges, from, to, detail,
        Cursor::measurements, "SELECT seq, ts, name, value FROM measurements WHERE name = :name AND ts >= :a AND ts ",
        "SELECT seq, ts, name, value FROM measurements WHERE seq > :c AND name = :name AND ts + 0 >= :a "
            + "AND ts + 0 <= :b", Map.of("name", name), MeasurementFacts::time,
        (rs, ctx) -> new MeasurementFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4)));
  }

  /**
   * {@code select} ends with the time column's upper comparison still to write ({@code "... AND ts "}); the raw
   * rows are those at or before the cursor in the raw ranges, and those after it in [from, to] ({@code
   * afterCursor}, binding :c, :a and :b, which must lead with seq).
   */
  private <F> Snapshot<F> snapshot(String kind, String dim, long res, long resFrom, long resTo,
                                   long[][] minuteRanges, long[][] rawRanges, long from, long to, Detail detail,
                                   java.util.function.ToLongFunction<Cursor> seqOf, String select,
                                   String afterCursor, Map<String, Object> binds,
                                   java.util.function.ToLongFunction<F> timeOf,
                                   org.jdbi.v3.core.mapper.RowMapper<F> map) {
    return jdbi.inTransaction(Dialect.of(jdbi).snapshotIsolation(), h -> {
      long seq = seqOf.applyAsLong(cursor(h));
      List<Row> level = new ArrayList<>(rows(h, kind, dim, res, resFrom, resTo, detail));
      List<Row> rows = new ArrayList<>();
      for (long[] m : minuteRanges) {
        // minutes at the edges make up buckets with other rows: their stored quantiles are not the bucket's
        rows.addAll(rows(h, kind, dim, 60_000L, m[0], m[1], detail == Detail.COUNTS ? detail : Detail.SKETCHES));
      }
      List<F> pending = new ArrayList<>();
      for (long[] r : rawRanges) {
        if (r[0] < r[1]) {
          pending.addAll(h.createQuery(select + "< :b AND seq <= :c").bindMap(binds).bind("a", r[0])
              .bind("b", r[1]).bind("c", seq).map(map).list());
        }
      }
      // what the job has not reached is found by seq, not by the time index: the job is usually near the head,
      // while the range can hold every row (a week at 10M rows: a full scan per query)
      List<F> late = h.createQuery(afterCursor).bindMap(binds).bind("a", from).bind("b", to)
          .bind("c", seq).map(map).list();
      pending.addAll(late);
      if (detail == Detail.QUANTILES && !late.isEmpty()) {
        level = withLateSketches(h, kind, dim, res, resFrom, resTo, level, late.stream().mapToLong(timeOf));
      }
      rows.addAll(0, level);
      return new Snapshot<>(rows, pending);
    });
  }

  /**
   * A bucket that also holds rows the job has not reached is more than its stored row, so its stored quantiles do
   * not answer it: those level rows are read again with their sketches, in the same transaction (the whole range
   * when the job is far behind).
   */
  private static List<Row> withLateSketches(Handle h, String kind, String dim, long res, long resFrom, long resTo,
                                            List<Row> level, java.util.stream.LongStream lateTimes) {
    java.util.TreeSet<Long> buckets = new java.util.TreeSet<>();
    lateTimes.map(t -> Math.floorDiv(t, res) * res).filter(b -> b >= resFrom && b < resTo).forEach(buckets::add);
    if (buckets.size() > LATE_BUCKETS_ONE_BY_ONE) {
      return rows(h, kind, dim, res, resFrom, resTo, Detail.SKETCHES);
    }
    List<Row> out = new ArrayList<>(level);
    out.removeIf(r -> buckets.contains(r.bucket()));
    for (long b : buckets) {
      out.addAll(rows(h, kind, dim, res, b, b + res, Detail.SKETCHES));
    }
    return out;
  }

  private static List<Row> rows(Handle h, String kind, String dim, long res, long from, long to, Detail detail) {
    if (from >= to) {
      return List.of();
    }
    // without the state, SQLite reads these from the telemetry_rollups_read index alone
    String where = " FROM telemetry_rollups WHERE kind = :k AND res_ms = :r AND dim = :d AND bucket_ms >= :a "
        + "AND bucket_ms < :b";
    return switch (detail) {
      case COUNTS -> rows(h, kind, dim, res, from, to, "NULL" + where);
      case SKETCHES -> rows(h, kind, dim, res, from, to, "state" + where);
      case QUANTILES -> {
        List<Row> out = new ArrayList<>(rows(h, kind, dim, res, from, to, "NULL" + where
            + " AND quantiles_of = count"));
        out.addAll(rows(h, kind, dim, res, from, to, "state" + where
            + " AND (quantiles_of IS NULL OR quantiles_of <> count)"));
        yield out;
      }
    };
  }

  private static List<Row> rows(Handle h, String kind, String dim, long res, long from, long to, String stateFrom) {
    return h.createQuery("SELECT dim_value, bucket_ms, count, errors, " + QUANTILE_COLUMNS + ", quantiles_of, "
            + stateFrom)
        .bind("k", kind).bind("r", res).bind("d", dim).bind("a", from).bind("b", to)
        .map((rs, ctx) -> new Row(kind, res, dim, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getBytes(11), quantiles(rs, 5, rs.getLong(3)))).list();
  }

  /**
   * The quantile columns from {@code first} on (then quantiles_of), or null when they are not the row's: the row
   * predates them, or an older instance has added to it since ({@code count} moved).
   */
  private static double[] quantiles(java.sql.ResultSet rs, int first, long count) throws java.sql.SQLException {
    long of = rs.getLong(first + QUANTILES.length);
    if (rs.wasNull() || of != count) {
      return null;
    }
    double[] out = new double[QUANTILES.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rs.getDouble(first + i);
      if (rs.wasNull()) {
        return null;
      }
    }
    return out;
  }
}
