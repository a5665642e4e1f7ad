package io.uxlens.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Copies a SQLite store into a PostgreSQL one ({@code uxlens migrate}). Every table is copied as it is, raw tables
 * first with their seq values, so the sessionizer's and the rollup jobs' cursors (journey_cursor, telemetry_cursor,
 * feedback_cursor) point at the same rows in the copy and the derived tables (attempts, rollups, spikes, experiments,
 * record counts) are exactly what the sessionizer would have made of those rows: the copy carries on where the SQLite
 * store stopped, with no rebuild (but for the complaint phrases, which the complaint job rebuilds from the copied
 * feedback). Rows are read in rowid order (seq for the raw tables) in batches; each batch is
 * inserted in one PostgreSQL transaction together with the table's position in {@value #PROGRESS}, so a copy killed at
 * any moment resumes after the last committed batch with nothing doubled or skipped. The source is read inside one read
 * transaction (a snapshot); the source must not be served while it is copied, and the counts per table are compared at
 * the end.
 */
public final class StoreCopy implements AutoCloseable {
  /** Bookkeeping table in the target: the source's identity and each table's position. */
  static final String PROGRESS = "uxlens_migrate_progress";
  private static final String MARK = "*";
  /** The raw tables first, in this order; then every other table of the source. */
  private static final List<String> FIRST = List.of("events", "spans", "measurements", "feedback", "annotations");
  /**
   * Derived tables not copied (on SQLite the phrase rows are clustered by their key, WITHOUT ROWID, so have no rowid
   * order to resume by): with no cursor in the copy, the complaint job rebuilds them from the copied feedback.
   */
  private static final List<String> REBUILT = List.of("complaint_phrases", "complaint_days", "complaint_cursor");

  /** Why a copy cannot start or finish: a one-line reason for the user. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** Told as the copy goes. */
  public interface Listener {
    /** Before the first batch: rows in the source and rows already copied by an earlier run. */
    void start(long sourceRows, long alreadyCopied);

    /** After each committed batch. */
    void copied(String table, long rows);
  }

  /** One table's rows in the source and in the target after the copy. */
  public record TableCount(String table, long source, long target) {
    public boolean matches() {
      return source == target;
    }
  }

  /** What a run did: whether it reached the end, rows copied by this run, and the counts when it did. */
  public record Result(boolean complete, long copiedThisRun, List<TableCount> counts) {
    public boolean verified() {
      return complete && counts.stream().allMatch(TableCount::matches);
    }
  }

  private final Store source;
  private final Store target;
  private final Path sourceFile;
  private final int batchSize;

  private StoreCopy(Store source, Path sourceFile, Store target, int batchSize) {
    this.source = source;
    this.sourceFile = sourceFile;
    this.target = target;
    this.batchSize = batchSize;
  }

  /**
   * Opens both ends: {@code from} must be an existing SQLite UX Lens store, {@code to} a PostgreSQL URL. Both are
   * migrated to this version's schema (as {@code serve} would).
   */
  public static StoreCopy open(String from, String to, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    DbUrl src = parse("--from", from);
    DbUrl dst = parse("--to", to);
    if (src.dialect() != Dialect.SQLITE) {
      throw new Refused("--from must be a SQLite store file, not " + src);
    }
    if (dst.dialect() != Dialect.POSTGRESQL) {
      throw new Refused("--to must be a PostgreSQL URL (postgresql://user@host:5432/db), not " + dst);
    }
    Path file = src.sqliteFile();
    if (!isUxLensStore(file)) {
      throw new Refused("--from " + file + " is not a UX Lens SQLite store (no such file, empty, or no UX Lens "
          + "tables)");
    }
    Store s;
    try {
      s = Store.openSqlite(file);
    } catch (StoreException e) {
      throw new Refused("--from " + e.getMessage());
    }
    try {
      return new StoreCopy(s, file, Store.open(dst), batchSize);
    } catch (StoreException e) {
      s.close();
      throw new Refused("--to " + e.getMessage());
    }
  }

  private static DbUrl parse(String option, String value) {
    try {
      return DbUrl.parse(value);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage().replaceFirst("^--db", option));
    }
  }

  private static boolean isUxLensStore(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return false;
      }
      SqliteFileCheck.verify(file);
    } catch (java.io.IOException | StoreException e) {
      return false;
    }
    List<String> tables = SqliteTables.names(file);
    return tables.contains("flyway_schema_history") && tables.contains("events");
  }

  /**
   * Copies what an earlier run has not, {@code stopAfterRows} at most in this run (a bounded run; Long.MAX_VALUE
   * for all), then, once everything is copied, moves the sequences past the copied seq values and counts.
   */
  public Result run(Listener listener, long stopAfterRows) {
    return source.jdbi().inTransaction(src -> {
      List<String> tables = tables(src);
      String identity = identity(src);
      Map<String, Long> sourceRows = new LinkedHashMap<>();
      for (String t : tables) {
        sourceRows.put(t, count(src, t));
      }
      Map<String, Long> positions = claim(tables, identity);
      long already = 0;
      for (String t : tables) {
        already += target.jdbi().withHandle(h -> h.createQuery("SELECT rows FROM " + PROGRESS + " WHERE tbl = :t")
            .bind("t", t).mapTo(Long.class).one());
      }
      listener.start(sourceRows.values().stream().mapToLong(Long::longValue).sum(), already);
      long copied = 0;
      for (String t : tables) {
        TableCopy copy = new TableCopy(t, SqliteTables.columns(src, t), targetColumns(t), batchSize);
        long position = positions.get(t);
        while (copied < stopAfterRows && !Thread.currentThread().isInterrupted()) {
          TableCopy.Batch batch = copy.read(src, position);
          if (batch.rows() == 0) {
            break;
          }
          long last = batch.lastRowid();
          target.jdbi().useTransaction(h -> {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) l").bind("k", Writer.INGEST_LOCK)
                .mapTo(Integer.class).one();
            copy.write(h, batch);
            h.createUpdate("UPDATE " + PROGRESS + " SET position = :p, rows = rows + :n WHERE tbl = :t")
                .bind("p", last).bind("n", batch.rows()).bind("t", t).execute();
          });
          position = last;
          copied += batch.rows();
          listener.copied(t, batch.rows());
        }
        if (copied >= stopAfterRows || Thread.currentThread().isInterrupted()) {
          return new Result(false, copied, List.of());
        }
      }
      advanceSequences(tables);
      List<TableCount> counts = new ArrayList<>();
      for (String t : tables) {
        counts.add(new TableCount(t, sourceRows.get(t), target.jdbi().withHandle(h -> count(h, t))));
      }
      target.jdbi().useHandle(h -> h.createUpdate("UPDATE " + PROGRESS + " SET position = 1 WHERE tbl = :m")
          .bind("m", MARK).execute());
      return new Result(true, copied, counts);
    });
  }

  /** The source's tables: the raw ones first, then the rest in name order (Flyway's history stays behind). */
  private static List<String> tables(Handle src) {
    List<String> all = SqliteTables.names(src);
    all.removeIf(t -> t.startsWith("sqlite_") || t.equals("flyway_schema_history") || REBUILT.contains(t));
    List<String> ordered = new ArrayList<>();
    for (String t : FIRST) {
      if (all.remove(t)) {
        ordered.add(t);
      }
    }
    ordered.addAll(all.stream().sorted().toList());
    return ordered;
  }

  /** What tells this source from another: when its schema was created, and its first event. */
  private static String identity(Handle src) {
    String installed = src.createQuery("SELECT installed_on FROM flyway_schema_history WHERE version = '1'")
        .mapTo(String.class).findOne().orElse("?");
    String first = src.createQuery("SELECT id FROM events ORDER BY seq LIMIT 1").mapTo(String.class).findOne()
        .orElse("");
    return "store created " + installed + (first.isEmpty() ? "" : ", first event " + first);
  }

  /**
   * Makes the target this source's copy: an empty target gets the bookkeeping table; one that holds a copy of this
   * source resumes; anything else is refused. Returns each table's position (last rowid copied).
   */
  private Map<String, Long> claim(List<String> tables, String identity) {
    return target.jdbi().inTransaction(h -> {
      boolean resuming = h.createQuery("SELECT to_regclass(:t) IS NOT NULL").bind("t", PROGRESS)
          .mapTo(Boolean.class).one();
      for (String t : tables) {
        if (!h.createQuery("SELECT to_regclass(:t) IS NOT NULL").bind("t", t).mapTo(Boolean.class).one()) {
          throw new Refused("the target has no table " + t + ": it is not a UX Lens store of this version");
        }
      }
      if (resuming) {
        String previous = h.createQuery("SELECT source FROM " + PROGRESS + " WHERE tbl = :m").bind("m", MARK)
            .mapTo(String.class).findOne().orElse("?");
        if (!previous.equals(identity)) {
          throw new Refused("the target holds a copy of another store (" + previous + "; this one: " + identity
              + "); give an empty database");
        }
      } else {
        for (String t : tables) {
          long n = count(h, t);
          if (n > 0) {
            throw new Refused("the target is not empty (" + t + " holds " + n + " rows); give an empty database");
          }
        }
        h.execute("CREATE TABLE " + PROGRESS + " (tbl TEXT PRIMARY KEY, source TEXT NOT NULL, "
            + "position BIGINT NOT NULL, rows BIGINT NOT NULL)");
        h.createUpdate("INSERT INTO " + PROGRESS + " VALUES (:m, :s, 0, 0)").bind("m", MARK).bind("s", identity)
            .execute();
      }
      Map<String, Long> positions = new LinkedHashMap<>();
      for (String t : tables) {
        h.createUpdate("INSERT INTO " + PROGRESS + " VALUES (:t, :s, :p, 0) ON CONFLICT (tbl) DO NOTHING")
            .bind("t", t).bind("s", identity).bind("p", Long.MIN_VALUE).execute();
        positions.put(t, h.createQuery("SELECT position FROM " + PROGRESS + " WHERE tbl = :t").bind("t", t)
            .mapTo(Long.class).one());
      }
      return positions;
    });
  }

  private Map<String, String> targetColumns(String table) {
    return target.jdbi().withHandle(h -> {
      Map<String, String> types = new LinkedHashMap<>();
      h.createQuery("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
              + "current_schema() AND table_name = :t ORDER BY ordinal_position").bind("t", table)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> types.put(e.getKey(),
              e.getValue()));
      return types;
    });
  }

  /** Every seq column's sequence continues after the highest copied value, so new rows sort after old ones. */
  private void advanceSequences(List<String> tables) {
    target.jdbi().useTransaction(h -> {
      for (String t : tables) {
        if (!h.createQuery("SELECT count(*) > 0 FROM information_schema.columns WHERE table_schema = current_schema() "
            + "AND table_name = :t AND column_name = 'seq'").bind("t", t).mapTo(Boolean.class).one()) {
          continue;
        }
        String sequence = h.createQuery("SELECT pg_get_serial_sequence(:t, 'seq')").bind("t", t)
            .mapTo(String.class).findOne().orElse(null);
        if (sequence == null) {
          continue;
        }
        Long max = h.createQuery("SELECT max(seq) FROM " + t).mapTo(Long.class).findOne().orElse(null);
        h.createQuery("SELECT setval(CAST(:s AS regclass), :v, :called)").bind("s", sequence)
            .bind("v", max == null ? 1L : max).bind("called", max != null).mapTo(Long.class).one();
      }
    });
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
  }

  /** The source file being copied. */
  public Path sourceFile() {
    return sourceFile;
  }

  @Override
  public void close() {
    try {
      source.close();
    } finally {
      target.close();
    }
  }
}
