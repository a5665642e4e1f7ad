package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL reaches the database file without the writer's commits doing it: a few committed rows, far below the
 * writer connection's automatic checkpoint, are in the main file (read from a copy of it alone, without the WAL)
 * shortly after their commit.
 */
class CheckpointerTest {
  @TempDir Path dir;

  @Test
  void committedRowsReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
    Path file = dir.resolve("s.db");
    try (Store store = Store.openSqlite(file); Writer writer = new Writer(store.jdbi(), 16)) {
      long backstop = writer.submit(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Long.class).one()).get();
      assertThat(backstop).as("the writer's own checkpoint waits for this many pages").isEqualTo(
          Checkpointer.BACKSTOP_PAGES);

      writer.submit(h -> h.execute("CREATE TABLE checkpoint_probe (n INTEGER)")).get();
      for (int i = 0; i < 20; i++) {
        int n = i;
        writer.submit(h -> h.execute("INSERT INTO checkpoint_probe VALUES (?)", n)).get();
      }
      long pages = store.jdbi().withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
      assertThat(pages).as("far below any automatic checkpoint").isLessThan(1_000);

      long inFile = -1;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (inFile != 20 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        inFile = rowsInFileAlone(file);
      }
      assertThat(inFile).as("rows copied from the WAL into the file").isEqualTo(20);
    }
  }

  /** Rows of the probe table in a copy of the database file without its WAL (-1: no such table there yet). */
  private long rowsInFileAlone(Path file) throws Exception {
    Path copy = dir.resolve("copy-" + System.nanoTime() + ".db");
    Files.copy(file, copy);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
         ResultSet tables = c.createStatement().executeQuery(
             "SELECT count(*) FROM sqlite_master WHERE name = 'checkpoint_probe'")) {
      if (tables.getLong(1) == 0) {
        return -1;
      }
      try (ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM checkpoint_probe")) {
        return rows.getLong(1);
      }
    }
  }
}
