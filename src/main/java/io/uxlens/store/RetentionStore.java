package io.uxlens.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL of retention: bounded deletes of old rows, each run inside one writer transaction by
 * {@link RetentionJob}, in statements both dialects accept (a {@code LIMIT} inside an {@code IN} subquery, or a
 * time slice of a key prefix), so neither ever needs a table scan or a long transaction.
 */
public final class RetentionStore {
  /**
   * Row of journey_cursor holding the retention horizon (epoch ms): raw rows older than it may be gone, so the
   * sessionizer keeps attempts starting before it as they are instead of rebuilding them from what is left.
   */
  static final String HORIZON = "retention_horizon_ms";

  /** A raw table: its time column and its kind in record_counts. */
  public enum RawTable {
    EVENTS("events", "ts"),
    SPANS("spans", "start_ms"),
    MEASUREMENTS("measurements", "ts"),
    FEEDBACK("feedback", "ts");

    private final String table;
    private final String timeColumn;

    RawTable(String table, String timeColumn) {
      this.table = table;
      this.timeColumn = timeColumn;
    }

    public String table() {
      return table;
    }

    public String timeColumn() {
      return timeColumn;
    }
  }

  private final Jdbi jdbi;

  public RetentionStore(Store store) {
    this.jdbi = store.jdbi();
  }

  /** The retention horizon (epoch ms), or empty when raw rows were never dropped. */
  public java.util.Optional<Long> horizon() {
    return jdbi.withHandle(RetentionStore::horizon);
  }

  static java.util.Optional<Long> horizon(Handle h) {
    return h.createQuery("SELECT seq FROM journey_cursor WHERE name = :n").bind("n", HORIZON).mapTo(Long.class)
        .findOne();
  }

  /** Moves the horizon forward to {@code cutoff} (never back). Writer thread, before any raw row older goes. */
  static void raiseHorizon(Handle h, long cutoff) {
    // one conditional statement each, so two instances on one database can never move it back between them
    h.createUpdate("INSERT INTO journey_cursor(name, seq) VALUES (:n, :s) ON CONFLICT (name) DO NOTHING")
        .bind("n", HORIZON).bind("s", cutoff).execute();
    h.createUpdate("UPDATE journey_cursor SET seq = :s WHERE name = :n AND seq < :s")
        .bind("n", HORIZON).bind("s", cutoff).execute();
  }

  /**
   * The highest seq of {@code t} every incremental reader has passed: the sessionizer for events, spans and
   * measurements, the telemetry rollup job for spans and measurements, the feedback rollup and complaint jobs for
   * feedback. A row
   * above it has not been rolled up yet and must stay, however old it is; so does the newest row (below).
   */
  public long readersPassed(RawTable t) {
    return jdbi.withHandle(h -> {
      long journey = cursor(h, "journey_cursor", t.table());
      long passed = switch (t) {
        case EVENTS -> journey;
        case SPANS, MEASUREMENTS -> Math.min(journey, cursor(h, "telemetry_cursor", t.table()));
        case FEEDBACK -> Math.min(cursor(h, "feedback_cursor", "feedback"),
            cursor(h, "complaint_cursor", "complaints"));
      };
      // The row with the highest seq always stays: SQLite gives a new row the highest seq in use plus one, so
      // deleting it would hand out seqs the cursors have passed already, and those rows would never be read.
      long newest = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM " + t.table()).mapTo(Long.class).one();
      return Math.min(passed, newest - 1);
    });
  }

  private static long cursor(Handle h, String table, String name) {
    return h.createQuery("SELECT seq FROM " + table + " WHERE name = :n").bind("n", name).mapTo(Long.class)
        .findOne().orElse(0L);
  }

  /**
   * Drops whole monthly partitions of {@code t} (PostgreSQL, where raw tables are partitioned by time): those
   * ending at or before {@code cutoff} whose rows all have seq at or below {@code maxSeq}, returning the rows they
   * held, which leave the status counts in the same transaction. Runs before the batched deletes of each table,
   * which then take what is left at the partition edges and in the default partition. On SQLite: 0.
   */
  int dropWholePartitions(RawTable t, long cutoff, long maxSeq) {
    if (Dialect.of(jdbi) != Dialect.POSTGRESQL) {
      return 0;
    }
    List<String> names = jdbi.withHandle(h -> Partitions.list(h, t.table()));
    int dropped = 0;
    for (String name : names) {
      long[] range = Partitions.bounds(t.table(), name);
      if (range == null || range[1] > cutoff) {
        continue; // the default partition, or a month that reaches past the cutoff: batched deletes take those
      }
      dropped += jdbi.inTransaction(h -> {
        Long newest = h.createQuery("SELECT MAX(seq) FROM " + name).mapTo(Long.class).one();
        if (newest != null && newest > maxSeq) {
          return 0; // rows the sessionizer or the rollup job have not read yet: wait for them
        }
        int rows = h.createQuery("SELECT COUNT(*) FROM " + name).mapTo(Integer.class).one();
        if (t == RawTable.EVENTS) {
          h.execute("DELETE FROM event_sessions WHERE seq IN (SELECT seq FROM " + name + ")");
        }
        if (t == RawTable.FEEDBACK) {
          forgetComplaints(h, range[1], h.createQuery("SELECT seq FROM " + name).mapTo(Long.class).list());
        }
        h.execute("DROP TABLE " + name);
        RecordCounts.add(h, t.table(), -rows);
        return rows;
      });
    }
    if (dropped > 0) {
      Partitions.rolledBack(jdbi); // this instance's cache of partitions forgets the dropped ones
    }
    return dropped;
  }

  /**
   * Deletes up to {@code limit} rows of {@code t} older than {@code cutoff} with seq at most {@code maxSeq}, and
   * takes them off the status counts in the same transaction. Writer thread only.
   */
  static int deleteRawBatch(Handle h, RawTable t, long cutoff, long maxSeq, int limit) {
    String table = t.table();
    String time = t.timeColumn();
    List<Long> seqs = h.createQuery("SELECT seq FROM " + table + " WHERE " + time + " < :c AND seq <= :s LIMIT :n")
        .bind("c", cutoff).bind("s", maxSeq).bind("n", limit).mapTo(Long.class).list();
    int deleted = 0;
    for (List<Long> part : JourneyStore.inLists(seqs)) {
      // the time condition too: PostgreSQL prunes partitions on it
      deleted += h.createUpdate("DELETE FROM " + table + " WHERE " + time + " < :c AND seq IN (<seqs>)")
          .bind("c", cutoff).bindList("seqs", part).execute();
    }
    if (t == RawTable.EVENTS) {
      EventSessions.forget(h, seqs);
    }
    if (t == RawTable.FEEDBACK) {
      forgetComplaints(h, cutoff, seqs);
    }
    RecordCounts.add(h, table, -deleted);
    return deleted;
  }

  /**
   * Drops the complaint phrases of deleted feedback (all older than {@code cutoff}) and the day counts of days
   * wholly before it: the pain points read neither for sprints before the horizon.
   */
  private static void forgetComplaints(Handle h, long cutoff, List<Long> seqs) {
    for (List<Long> part : JourneyStore.inLists(seqs)) {
      h.createUpdate("DELETE FROM complaint_phrases WHERE ts < :c AND seq IN (<seqs>)").bind("c", cutoff)
          .bindList("seqs", part).execute();
    }
    h.createUpdate("DELETE FROM complaint_days WHERE day_ms < :d").bind("d", cutoff - ComplaintStore.DAY).execute();
  }

  /** Oldest time (epoch ms) still stored in each raw table; null for an empty table. Each is one index seek. */
  public Map<RawTable, Long> oldest() {
    Map<RawTable, Long> out = new LinkedHashMap<>();
    jdbi.useHandle(h -> {
      for (RawTable t : RawTable.values()) {
        out.put(t, h.createQuery("SELECT MIN(" + t.timeColumn() + ") FROM " + t.table()).mapTo(Long.class)
            .findOne().orElse(null));
      }
    });
    return out;
  }

  /** Journeys with stored attempts. */
  public List<String> attemptJourneys() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT journey FROM journey_attempts ORDER BY journey")
        .mapTo(String.class).list());
  }

  /** Deletes up to {@code limit} attempts of a journey that started before {@code cutoff}. Writer thread only. */
  static int deleteAttemptsBatch(Handle h, String journey, long cutoff, int limit) {
    List<String> ids = new ArrayList<>();
    Set<String> users = new HashSet<>();
    h.createQuery("SELECT id, user_id FROM journey_attempts WHERE journey = :j AND start_ms < :c LIMIT :n")
        .bind("j", journey).bind("c", cutoff).bind("n", limit)
        .map((rs, ctx) -> {
          ids.add(rs.getString(1));
          return users.add(rs.getString(2));
        }).list();
    int deleted = 0;
    for (List<String> part : JourneyStore.inLists(ids)) {
      deleted += h.createUpdate("DELETE FROM journey_attempts WHERE id IN (<ids>)").bindList("ids", part).execute();
    }
    // a unit whose first attempt after exposure went now counts its next one, as a raw read would
    ExperimentFirstAttempts.refresh(h, users);
    return deleted;
  }

  /** A rollup table's rows sharing a key prefix, deleted by time slices along the rest of its primary key. */
  public record RollupGroup(String table, Map<String, Object> key) {}

  /** The key prefixes of journey_rollups, telemetry_rollups and feedback_rollups (each one PK range to slice). */
  public List<RollupGroup> rollupGroups() {
    return jdbi.withHandle(h -> {
      List<RollupGroup> groups = new java.util.ArrayList<>();
      h.createQuery("SELECT DISTINCT journey, res_ms FROM journey_rollups ORDER BY journey, res_ms")
          .map((rs, ctx) -> new RollupGroup("journey_rollups",
              Map.of("journey", rs.getString(1), "res_ms", rs.getLong(2))))
          .forEach(groups::add);
      h.createQuery("SELECT DISTINCT kind, res_ms, dim FROM telemetry_rollups ORDER BY kind, res_ms, dim")
          .map((rs, ctx) -> new RollupGroup("telemetry_rollups",
              Map.of("kind", rs.getString(1), "res_ms", rs.getLong(2), "dim", rs.getString(3))))
          .forEach(groups::add);
      h.createQuery("SELECT DISTINCT res_ms FROM feedback_rollups ORDER BY res_ms")
          .map((rs, ctx) -> new RollupGroup("feedback_rollups", Map.of("res_ms", rs.getLong(1))))
          .forEach(groups::add);
      return groups;
    });
  }

  /**
   * Deletes about {@code limit} of the group's oldest rows before {@code cutoff}, whole buckets at a time (a bucket
   * is never split): the number deleted, negated when that was the last of them. The edge is found by walking the
   * primary key, which orders a group's rows by bucket. Writer thread only.
   */
  static int deleteRollupSlice(Handle h, RollupGroup g, long cutoff, int limit) {
    StringBuilder where = new StringBuilder();
    g.key().keySet().stream().sorted().forEach(col -> where.append(col).append(" = :").append(col).append(" AND "));
    String older = g.table() + " WHERE " + where + "bucket_ms < :c";
    var edgeQuery = h.createQuery("SELECT bucket_ms FROM " + older + " ORDER BY bucket_ms LIMIT 1 OFFSET :n");
    g.key().forEach(edgeQuery::bind);
    Long edge = edgeQuery.bind("c", cutoff).bind("n", limit).mapTo(Long.class).findOne().orElse(null);
    long below = cutoff;
    if (edge != null) {
      var minQuery = h.createQuery("SELECT MIN(bucket_ms) FROM " + older);
      g.key().forEach(minQuery::bind);
      long first = minQuery.bind("c", cutoff).mapTo(Long.class).one();
      below = edge > first ? edge : edge + 1; // one bucket holding more than limit rows goes whole
    }
    var delete = h.createUpdate("DELETE FROM " + g.table() + " WHERE " + where + "bucket_ms < :b");
    g.key().forEach(delete::bind);
    int deleted = delete.bind("b", below).execute();
    return edge == null ? -deleted : deleted;
  }

  /** Deletes spikes that started before {@code cutoff} (a few rows per journey and day). Writer thread only. */
  static int deleteSpikes(Handle h, long cutoff) {
    return h.createUpdate("DELETE FROM journey_spikes WHERE start_ms < :c").bind("c", cutoff).execute();
  }
}
