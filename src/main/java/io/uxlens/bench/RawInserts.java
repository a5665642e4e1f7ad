package io.uxlens.bench;

import io.uxlens.model.Event;
import io.uxlens.store.BenchDatabase;
import io.uxlens.store.EventRows;
import io.uxlens.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The store's limit for ingest on this machine: the same event rows, into the same migrated schema, by plain JDBC
 * batched inserts in large transactions. No writer queue, no savepoints, no status counts, no HTTP: what the
 * hardware and the database allow, for the ingest ratio. On PostgreSQL the rows' monthly partitions are made
 * first, untimed, as the writer makes them.
 */
final class RawInserts {
  private RawInserts() {}

  static double eventsPerSecond(String db, List<List<Event>> batches, int rowsPerTransaction) throws Exception {
    try (Store store = Store.open(db); Handle h = store.jdbi().open()) {
      BenchDatabase.partitionEvents(store, batches.stream().flatMap(List::stream).mapToLong(Event::timestamp).toArray());
      Connection c = h.getConnection();
      c.setAutoCommit(false);
      long rows = 0;
      long start = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(EventRows.INSERT)) {
        for (List<Event> batch : batches) {
          for (Event e : batch) {
            EventRows.addBatch(ps, e);
            if (++rows % rowsPerTransaction == 0) {
              ps.executeBatch();
              c.commit();
            }
          }
        }
        ps.executeBatch();
        c.commit();
      } finally {
        c.setAutoCommit(true); // hand the connection back as Jdbi lent it
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    }
  }
}
