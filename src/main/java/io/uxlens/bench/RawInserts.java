package io.uxlens.bench;

import io.uxlens.model.Event;
import io.uxlens.store.EventRows;
import io.uxlens.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The SQLite limit for ingest on this machine: the same event rows, into the same migrated schema, by plain JDBC
 * batched inserts in large transactions. No writer queue, no savepoints, no status counts, no HTTP: what the
 * hardware and SQLite allow, for the ingest ratio.
 */
final class RawInserts {
  private RawInserts() {}

  static double eventsPerSecond(Path db, List<List<Event>> batches, int rowsPerTransaction) throws Exception {
    try (Store store = Store.openSqlite(db); Handle h = store.jdbi().open()) {
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
