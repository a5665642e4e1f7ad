package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.store.DbUrl;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V14 (the browser dimension) on a store written before it: the sessionizer's event cursor restarts at
 * 0 behind a rebuild marker, so attempts are rebuilt from the stored events and gain their browser; a rebuild
 * already pending keeps its marker. Runs on whichever store the suite runs on.
 */
class BrowserMigrationTest {
  static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

  @TempDir Path dir;

  /** A store at V13 holding a checkout visit whose events the sessionizer has read (cursor at their last seq). */
  private String storeBeforeV14(String name, Long pendingMarker) throws SQLException {
    String db = TestStores.db(dir, name);
    DbUrl url = DbUrl.parse(db);
    String jdbc = url.sqliteFile() != null ? "jdbc:sqlite:" + url.sqliteFile().toAbsolutePath() : url.jdbcUrl();
    Flyway.configure().dataSource(jdbc, url.user(), url.password()).locations(url.dialect().migrations())
        .target("13").load().migrate();
    try (Connection c = DriverManager.getConnection(jdbc, url.user(), url.password())) {
      String[] steps = {"Cart Viewed", "Checkout Started", "Payment Info Entered"};
      try (PreparedStatement p = c.prepareStatement("INSERT INTO events (id, source, type, name, ts, received_at, "
          + "user_id, session_id, properties, context) VALUES (?, 'segment', 'track', ?, ?, ?, 'u-1', 's-1', '{}', "
          + "?)")) {
        for (int i = 0; i < steps.length; i++) {
          p.setString(1, "e-" + i);
          p.setString(2, steps[i]);
          p.setLong(3, JourneyFixture.T0 + i * 1000L);
          p.setLong(4, JourneyFixture.T0);
          p.setString(5, "{\"userAgent\":\"" + FIREFOX + "\"}");
          p.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO journey_cursor (name, seq) SELECT 'events', MAX(seq) FROM events");
        if (pendingMarker != null) {
          s.executeUpdate("INSERT INTO journey_cursor (name, seq) VALUES ('rollups_rebuild_pending', "
              + pendingMarker + ")");
        }
      }
    }
    return db;
  }

  private static Map<String, Long> cursors(JourneyFixture f) {
    return f.store.jdbi().withHandle(h -> {
      Map<String, Long> out = new TreeMap<>();
      h.createQuery("SELECT name, seq FROM journey_cursor").map((ResultSet rs, org.jdbi.v3.core.statement
          .StatementContext ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(),
          e.getValue()));
      return out;
    });
  }

  @Test
  void anOlderStoreIsRebuiltAndItsAttemptsGainTheirBrowser() throws Exception {
    String db = storeBeforeV14("old", null);
    try (JourneyFixture f = new JourneyFixture(db)) {
      Map<String, Long> before = cursors(f);
      assertThat(before).containsEntry("events", 0L).containsKey("rollups_rebuild_pending");
      assertThat(before.get("rollups_rebuild_pending")).isPositive();
      f.run();
      List<Attempt> attempts = f.allAttempts();
      assertThat(attempts).hasSize(1);
      assertThat(attempts.get(0).context()).containsEntry("browser", "Firefox");
      assertThat(cursors(f)).doesNotContainKey("rollups_rebuild_pending");
    }
  }

  @Test
  void aRebuildAlreadyPendingKeepsItsMarker() throws Exception {
    String db = storeBeforeV14("pending", 1_000_000L);
    try (JourneyFixture f = new JourneyFixture(db)) {
      assertThat(cursors(f)).containsEntry("rollups_rebuild_pending", 1_000_000L).containsEntry("events", 0L);
    }
  }
}
