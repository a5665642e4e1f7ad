package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings every SQLite connection carries, the writer's own included: WAL mode, full sync, and the WAL file cut
 * back to its limit whenever a checkpoint restarts it (SQLite's own default, -1, keeps a burst's WAL on disk at its
 * largest for good).
 */
class SqliteSettingsTest {
  @TempDir Path dir;

  @Test
  void everyConnectionCutsTheWalBackAndTheWriterKeepsItsLargerCache() throws Exception {
    try (Store store = Store.openSqlite(dir.resolve("s.db")); Writer writer = new Writer(store.jdbi(), 16)) {
      long pooled = store.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_size_limit").mapTo(Long.class).one());
      long[] writers = writer.submit(h -> new long[] {
          h.createQuery("PRAGMA journal_size_limit").mapTo(Long.class).one(),
          h.createQuery("PRAGMA cache_size").mapTo(Long.class).one(),
          h.createQuery("PRAGMA synchronous").mapTo(Long.class).one()}).get();
      String mode = store.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
      long pooledCache = store.jdbi().withHandle(h -> h.createQuery("PRAGMA cache_size").mapTo(Long.class).one());

      assertThat(pooled).isEqualTo(Store.WAL_SIZE_LIMIT_BYTES);
      assertThat(writers[0]).isEqualTo(Store.WAL_SIZE_LIMIT_BYTES);
      assertThat(writers[1]).as("KiB, negative").isEqualTo(-Writer.WRITER_CACHE_BYTES / 1024);
      assertThat(pooledCache).as("pooled connections keep SQLite's default").isEqualTo(-2000);
      assertThat(writers[2]).as("FULL").isEqualTo(2);
      assertThat(mode).isEqualTo("wal");
    }
  }
}
