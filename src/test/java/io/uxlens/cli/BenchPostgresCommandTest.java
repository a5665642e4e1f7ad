package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.store.Store;
import io.uxlens.testing.ConsoleCapture;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code uxlens bench ingest|journeys --db postgresql://...} at a small size on the test PostgreSQL server. */
class BenchPostgresCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  @Test
  void ingestOnPostgresBesideSqliteAndThroughTwoServeProcesses() throws Exception {
    String db = TestStores.postgresDb();
    int code = Main.run("bench", "ingest", "--db", db, "--events", "2000", "--batch", "100", "--clients", "2",
        "--compare-sqlite", "--instances", "2", "--dir", dir.toString());
    assertThat(code).as(console.out() + console.err()).isZero();
    assertThat(console.out())
        .contains("SQLite: a new file per stage in " + dir)
        .contains("its UX Lens tables are emptied before each stage")
        .containsPattern("SQLite limit: plain JDBC +[\\d,]+ events/s")
        .containsPattern("writer busy +\\d+% of the HTTP stage")
        .containsPattern("PostgreSQL limit: plain JDBC +[\\d,]+ events/s")
        .containsPattern("HTTP Segment batches +\\d+\\.\\d\\d x  \\(p50")
        .contains("warm-up                     2000 events through each stage first, unmeasured")
        .containsPattern("CPU s per 100k events +plain JDBC \\d+\\.\\d\\d, writer \\d+\\.\\d\\d, HTTP \\d+\\.\\d\\d")
        .containsPattern("Segment JSON parse \\+ decode +\\d+\\.\\d\\d us CPU per event")
        .containsPattern("1 instance +[\\d,]+ events/s  \\(1\\.00 x one\\)")
        .containsPattern("2 instances +[\\d,]+ events/s");
    try (Store pg = Store.open(db)) {
      long stored = pg.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT id) FROM events")
          .mapTo(Long.class).one());
      assertThat(stored).as("every acknowledged event of the last stage stored once").isEqualTo(2000);
    }
  }

  @Test
  void journeysOnPostgresBesideSqlite() {
    String db = TestStores.postgresDb();
    int code = Main.run("bench", "journeys", "--db", db, "--events", "300", "--factor", "2", "--runs", "2",
        "--compare-sqlite", "--dir", dir.toString());
    assertThat(code).as(console.out() + console.err()).isZero();
    assertThat(console.out())
        .contains("== 300 events (7 days) -> SQLite bench-300")
        .contains("== 600 events (7 days) -> PostgreSQL bench-600")
        .containsPattern("600 events: load \\d+\\.\\d\\dx, sessionizer catch-up \\d+\\.\\d\\dx, KPI from rollups");
    assertThat(console.out().lines().filter(l -> l.startsWith("check: attempts from rollups")).toList())
        .hasSize(4).allSatisfy(l -> assertThat(l).doesNotContain("rollups 0,"));
  }

  @Test
  void refusesADatabaseHoldingRowsItDidNotWrite() {
    String db = TestStores.postgresDb();
    try (Store pg = Store.open(db)) {
      pg.jdbi().useHandle(h -> h.execute("INSERT INTO events (id, source, type, ts, received_at, properties, "
          + "context) VALUES ('real-1', 'segment', 'track', 1, 1, '{}', '{}')"));
    }
    assertThat(Main.run("bench", "ingest", "--db", db, "--events", "100", "--batch", "100", "--clients", "1",
        "--dir", dir.toString())).isNotZero();
    try (Store pg = Store.open(db)) {
      long kept = pg.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one());
      assertThat(kept).as("nothing deleted").isEqualTo(1);
    }
    String empty = TestStores.postgresDb();
    assertThat(Main.run("bench", "ingest", "--db", empty, "--events", "100", "--batch", "100", "--clients", "1",
        "--dir", dir.toString())).as("an empty database is benched").isZero();
  }
}
