package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pooled SQLite connection reads through a memory map and writes durably in WAL mode; what one connection
 * commits, a mapped reader on another sees.
 */
class SqliteSettingsTest {
  @TempDir Path dir;

  @Test
  void everyConnectionMapsReadsAndWritesDurably() {
    try (Store store = Store.openSqlite(dir.resolve("settings.db"))) {
      List<Handle> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) { // several connections of the pool at once, not one reused
          Handle h = store.jdbi().open();
          held.add(h);
          assertThat(h.createQuery("PRAGMA mmap_size").mapTo(Long.class).one()).isEqualTo(Store.MMAP_BYTES);
          assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
          assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).as("FULL").isEqualTo(2);
        }
        held.get(0).execute("CREATE TABLE t (v INTEGER)");
        held.get(0).execute("INSERT INTO t VALUES (41), (1)");
        assertThat(held.get(2).createQuery("SELECT SUM(v) FROM t").mapTo(Integer.class).one()).isEqualTo(42);
      } finally {
        held.forEach(Handle::close);
      }
    }
  }
}
