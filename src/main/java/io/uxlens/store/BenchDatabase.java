package io.uxlens.store;

import java.util.List;

/**
 * What the benchmarks need of a PostgreSQL database they are given: emptied between stages (so every stage starts
 * from the same empty store, as a fresh SQLite file does), and the months of the raw-insert baseline's rows
 * partitioned as the writer would partition them. A database holding anything but bench rows is refused, so a bench
 * pointed at a real store by mistake deletes nothing.
 */
public final class BenchDatabase {
  private BenchDatabase() {}

  /** Empties every UX Lens table (sequences restarted); the monthly partitions stay, empty. */
  public static void clear(Store store) {
    if (store.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("only a PostgreSQL bench database is cleared; SQLite benches use new files");
    }
    store.jdbi().useTransaction(h -> {
      long foreign = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM events WHERE id NOT LIKE 'bench-%' "
          + "AND id NOT LIKE 'fresh-%' LIMIT 1) x").mapTo(Long.class).one()
          + h.createQuery("SELECT count(*) FROM (SELECT 1 FROM spans LIMIT 1) x").mapTo(Long.class).one()
          + h.createQuery("SELECT count(*) FROM (SELECT 1 FROM feedback LIMIT 1) x").mapTo(Long.class).one();
      if (foreign > 0) {
        throw new StoreException("the bench database holds rows a bench did not write; give the bench an empty "
            + "database of its own (it empties it between stages)");
      }
      List<String> tables = h.createQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
              + "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
              + "AND NOT c.relispartition AND c.relname <> 'flyway_schema_history' ORDER BY 1")
          .mapTo(String.class).list();
      h.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");
    });
  }

  /** Creates the partitions of the months of {@code eventTimes} (no-op on SQLite). */
  public static void partitionEvents(Store store, long[] eventTimes) {
    if (store.dialect() == Dialect.POSTGRESQL) {
      store.jdbi().useTransaction(h -> Partitions.of(h).ensure(h, Partitions.Table.EVENTS, eventTimes));
    }
  }
}
