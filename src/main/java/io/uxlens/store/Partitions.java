package io.uxlens.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's monthly partitions of the raw tables (events, spans, measurements, feedback), created on demand by
 * the writer just before it inserts rows of a month that has none, inside the ingest lock (store.Writer), so two
 * instances never race to create one. Months before 1990 or over a year ahead go to the table's default
 * partition: a client with odd clocks cannot make thousands of partitions. A month whose rows already sit in the
 * default partition (it was once over a year ahead) stays there, since PostgreSQL refuses a partition overlapping
 * rows of the default one.
 */
final class Partitions {
  /** The raw tables and the column each is partitioned by. */
  enum Table {
    EVENTS("events", "ts"),
    SPANS("spans", "start_ms"),
    MEASUREMENTS("measurements", "ts"),
    FEEDBACK("feedback", "ts");

    final String name;
    final String column;

    Table(String name, String column) {
      this.name = name;
      this.column = column;
    }
  }

  private static final long EARLIEST = Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();
  private static final long AHEAD_MS = 366L * 24 * 3600 * 1000;

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private volatile boolean loaded;

  /** Makes sure each month of {@code times} has its partition (or belongs to the default one). */
  void ensure(Handle h, Table table, long[] times) {
    load(h);
    long latest = System.currentTimeMillis() + AHEAD_MS;
    Set<LocalDate> months = new TreeSet<>();
    for (long t : times) {
      if (t >= EARLIEST && t < latest) {
        months.add(monthOf(t));
      }
    }
    for (LocalDate month : months) {
      String name = name(table, month);
      if (known.contains(name)) {
        continue;
      }
      long from = month.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      long to = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      boolean inDefault = h.createQuery("SELECT 1 FROM " + table.name + "_default WHERE " + table.column
          + " >= :a AND " + table.column + " < :b LIMIT 1").bind("a", from).bind("b", to)
          .mapTo(Integer.class).findOne().isPresent();
      if (!inDefault) {
        h.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table.name
            + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
      }
      known.add(name);
    }
  }

  private static final String ATTRIBUTE = "uxlens.partitions";

  /** Gives a PostgreSQL store's Jdbi its partition cache. */
  static org.jdbi.v3.core.Jdbi attach(org.jdbi.v3.core.Jdbi jdbi) {
    return jdbi.define(ATTRIBUTE, new Partitions());
  }

  /** The partition cache of the store the handle belongs to. */
  static Partitions of(Handle h) {
    Object p = h.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).getAttribute(ATTRIBUTE);
    if (p instanceof Partitions partitions) {
      return partitions;
    }
    throw new IllegalStateException("not a PostgreSQL store's handle");
  }

  /** After a rollback: a partition created in it is gone again, so the cache is reloaded from the catalogue. */
  static void rolledBack(org.jdbi.v3.core.Jdbi jdbi) {
    if (jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).getAttribute(ATTRIBUTE)
        instanceof Partitions partitions) {
      partitions.forget();
    }
  }

  /** Forgets what it knew (after a rollback, or retention dropped partitions). */
  void forget() {
    known.clear();
    loaded = false;
  }

  private void load(Handle h) {
    if (loaded) {
      return;
    }
    for (Table t : Table.values()) {
      known.addAll(list(h, t.name));
    }
    loaded = true;
  }

  /** The partitions of {@code table} by name, as the catalogue has them now. */
  static java.util.List<String> list(Handle h, String table) {
    return h.createQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = :t ORDER BY c.relname").bind("t", table)
        .mapTo(String.class).list();
  }

  /** [from, to) in epoch ms of a monthly partition of {@code table} named by {@link #name}; null for others. */
  static long[] bounds(String table, String partition) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(table)
        + "_p(\\d{4})_(\\d{2})").matcher(partition);
    if (!m.matches()) {
      return null;
    }
    LocalDate month = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
    return new long[] {month.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
        month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()};
  }

  static LocalDate monthOf(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
  }

  static String name(Table table, LocalDate month) {
    return String.format("%s_p%04d_%02d", table.name, month.getYear(), month.getMonthValue());
  }
}
