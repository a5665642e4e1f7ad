package io.uxlens.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Per-bucket journey KPI state (opaque bytes built by the journey package), by resolution and context dimension. */
public final class JourneyRollupStore {
  /** All attempts: the dimension name and value used for the unsplit rows. */
  public static final String ALL = "";

  /**
   * Present in journey_cursor while the sessionizer rebuilds the attempts and rollups of a store created before
   * the 10-minute level (migration V8), holding the event seq the rebuild must pass.
   */
  static final String REBUILD_PENDING = "rollups_rebuild_pending";

  private final Jdbi jdbi;
  private volatile boolean complete;

  public JourneyRollupStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Whether every level and sketch covers the whole history: always on stores created with them, on older stores
   * once the sessionizer's rebuild is done. Until then reads use minute rows and the attempts table.
   */
  public boolean complete() {
    if (!complete) {
      complete = jdbi.withHandle(h -> !rebuilding(h));
    }
    return complete;
  }

  static boolean rebuilding(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM journey_cursor WHERE name = :n").bind("n", REBUILD_PENDING)
        .mapTo(Long.class).one() > 0;
  }

  /** Ends the rebuild once the sessionizer's event cursor has passed where the store was when it started. */
  static void rebuildReached(Handle h, long eventSeq) {
    h.createUpdate("DELETE FROM journey_cursor WHERE name = :n AND seq <= :s").bind("n", REBUILD_PENDING)
        .bind("s", eventSeq).execute();
  }

  /** Remembers minutes whose attempts changed, to be rebuilt later in the step (table journey_rollup_dirty). */
  static void markDirty(Handle h, Collection<Map.Entry<String, Long>> minutes) {
    if (minutes.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("INSERT INTO journey_rollup_dirty (journey, minute_ms) VALUES (:j, :m) "
        + "ON CONFLICT (journey, minute_ms) DO NOTHING");
    minutes.forEach(m -> batch.bind("j", m.getKey()).bind("m", m.getValue()).add());
    batch.execute();
  }

  /** Every minute marked dirty so far, removed from the table (the caller rebuilds them in the same transaction). */
  static List<Map.Entry<String, Long>> takeDirty(Handle h) {
    List<Map.Entry<String, Long>> out = h.createQuery("SELECT journey, minute_ms FROM journey_rollup_dirty")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
    h.execute("DELETE FROM journey_rollup_dirty");
    return out;
  }

  /** One rollup row: a bucket's state for one dimension value ({@link #ALL}/{@link #ALL} for everything). */
  public record Row(String dim, String dimValue, long bucket, long attempts, long completed, long abandoned,
                    long errored, byte[] state, byte[] correlation) {}

  /**
   * A dimension value's counts in one bucket (or summed over a range: bucket is then the range start): attempts
   * (finished or not), completed, abandoned, and finished attempts that saw an error.
   */
  public record Counts(String dim, String dimValue, long bucket, long attempts, long completed, long abandoned,
                       long errored) {}

  /**
   * Replaces the rows of these buckets of one journey at one resolution (a bucket mapped to no rows is emptied):
   * one delete per chunk of buckets and one insert batch, however many buckets a sessionizer step touched. Writer
   * thread only.
   */
  static void replace(Handle h, String journey, long resMs, Map<Long, List<Row>> rowsByBucket) {
    for (List<Long> part : JourneyStore.inLists(rowsByBucket.keySet())) {
      h.createUpdate("DELETE FROM journey_rollups WHERE journey = :j AND res_ms = :r AND bucket_ms IN (<b>)")
          .bind("j", journey).bind("r", resMs).bindList("b", part).execute();
    }
    if (rowsByBucket.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("INSERT INTO journey_rollups (journey, res_ms, dim, dim_value, bucket_ms, "
        + "attempts, completed, abandoned, errored, state, correlation) VALUES (:j, :r, :dim, :value, :b, :n, :c, :a, "
        + ":e, :state, :correlation)");
    rowsByBucket.forEach((bucket, rows) -> {
      for (Row row : rows) {
        batch.bind("j", journey).bind("r", resMs).bind("dim", row.dim()).bind("value", row.dimValue())
            .bind("b", bucket).bind("n", row.attempts()).bind("c", row.completed()).bind("a", row.abandoned())
            .bind("e", row.errored()).bind("state", row.state()).bind("correlation", row.correlation()).add();
      }
    });
    batch.execute();
  }

  /** Rows of every dimension in [from, to) at one resolution, inside the writer's transaction. */
  static List<Row> rowsIn(Handle h, String journey, long resMs, long from, long to) {
    return h.createQuery("SELECT dim, dim_value, bucket_ms, attempts, completed, abandoned, errored, state, correlation "
            + "FROM journey_rollups WHERE journey = :j AND res_ms = :r AND bucket_ms >= :a AND bucket_ms < :b")
        .bind("j", journey).bind("r", resMs).bind("a", from).bind("b", to).map(JourneyRollupStore::row).list();
  }

  /**
   * Rows of one dimension ({@link #ALL} for the unsplit series) in [from, to), in bucket order; their correlation
   * state only when asked (it is the larger part of an unsplit row).
   */
  public List<Row> rows(String journey, long resMs, String dim, long from, long to, boolean withCorrelation) {
    return jdbi.withHandle(h -> h.createQuery("SELECT dim, dim_value, bucket_ms, attempts, completed, abandoned, "
            + "errored, state, " + (withCorrelation ? "correlation" : "NULL") + " FROM journey_rollups WHERE journey = :j AND res_ms = :r AND dim = :d AND bucket_ms >= :a "
            + "AND bucket_ms < :b ORDER BY bucket_ms, dim_value")
        .bind("j", journey).bind("r", resMs).bind("d", dim).bind("a", from).bind("b", to)
        .map(JourneyRollupStore::row).list());
  }

  /**
   * Counts of every value of these dimensions summed over the buckets in [from, to) at one resolution (bucket =
   * from): summed in SQL from the count columns, no state read.
   */
  public List<Counts> totals(String journey, long resMs, Collection<String> dims, long from, long to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT dim, dim_value, SUM(attempts), SUM(completed), SUM(abandoned), "
            + "SUM(errored) FROM journey_rollups WHERE journey = :j AND res_ms = :r AND dim IN (<dims>) "
            + "AND bucket_ms >= :a AND bucket_ms < :b GROUP BY dim, dim_value")
        .bind("j", journey).bind("r", resMs).bindList("dims", List.copyOf(dims)).bind("a", from).bind("b", to)
        .map((rs, ctx) -> new Counts(rs.getString(1), rs.getString(2), from, rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6)))
        .list());
  }

  /** Counts of every value of one dimension per bucket in [from, to) at one resolution, in bucket order. */
  public List<Counts> counts(String journey, long resMs, String dim, long from, long to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT dim_value, bucket_ms, attempts, completed, abandoned, errored "
            + "FROM journey_rollups WHERE journey = :j AND res_ms = :r AND dim = :d AND bucket_ms >= :a "
            + "AND bucket_ms < :b ORDER BY bucket_ms")
        .bind("j", journey).bind("r", resMs).bind("d", dim).bind("a", from).bind("b", to)
        .map((rs, ctx) -> new Counts(dim, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6)))
        .list());
  }

  private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
        rs.getLong(7), rs.getBytes(8), rs.getBytes(9));
  }
}
