package io.uxlens.journey;

import static io.uxlens.journey.JourneyFixture.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Outcome;
import io.uxlens.store.DbUrl;
import io.uxlens.store.Dialect;
import io.uxlens.store.PerfReads;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events found by session through the event_sessions index (migration V17) instead of indexes on events: the
 * sessionizer fills it before it reads, query-time readers add what it has not reached, an older store is filled by
 * the migration, and a recompute rewrites only the attempts that changed. Runs on whichever store the suite runs on.
 */
class EventSessionsTest {
  @TempDir Path dir;

  private static Event anonymous(String id, String anonymousId, String name, long seconds) {
    return new Event(id, "segment", "track", name, JourneyFixture.T0 + seconds * 1000, JourneyFixture.T0, null,
        anonymousId, null, "{}", "{}");
  }

  private static Event userOnly(String id, String user, String name, long seconds) {
    return new Event(id, "segment", "track", name, JourneyFixture.T0 + seconds * 1000, JourneyFixture.T0, user, null,
        null, "{}", "{}");
  }

  /** Row identity as the store sees it: a rewritten row (deleted and inserted) gets a new one. */
  private static String rowIdentity(JourneyFixture f, String attemptId) {
    String col = f.store.dialect() == Dialect.POSTGRESQL ? "ctid::text" : "CAST(rowid AS TEXT)";
    return f.store.jdbi().withHandle(h -> h.createQuery("SELECT " + col + " FROM journey_attempts WHERE id = :id")
        .bind("id", attemptId).mapTo(String.class).one());
  }

  private static long indexed(JourneyFixture f) {
    return f.store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM event_sessions").mapTo(Long.class)
        .one());
  }

  @Test
  void sessionsKeyedBySessionUserOrAnonymousIdAreBuiltFromTheIndex() {
    try (JourneyFixture f = new JourneyFixture(dir, "keys")) {
      f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 30, null),
          userOnly("3", "u-9", "Import Started", 0), userOnly("4", "u-9", "File Uploaded", 40),
          anonymous("5", "a-7", "Import Started", 0), anonymous("6", "a-7", "File Uploaded", 50)));
      f.run();
      assertThat(indexed(f)).isEqualTo(6);
      assertThat(f.attempts.attemptsOfSession("s1")).singleElement().satisfies(a -> assertThat(a.lastStepIndex())
          .isEqualTo(1));
      assertThat(f.attempts.attemptsOfSession("user:u-9")).singleElement().satisfies(a ->
          assertThat(a.lastEvent()).isEqualTo(JourneyFixture.T0 + 40_000));
      assertThat(f.attempts.attemptsOfSession("user:a-7")).singleElement().satisfies(a ->
          assertThat(a.lastEvent()).isEqualTo(JourneyFixture.T0 + 50_000));
      // a later event of each session, read through the index the next run fills first
      f.insert(List.of(track("7", "s1", "Columns Mapped", 60, null), userOnly("8", "u-9", "Columns Mapped", 70)));
      f.run();
      assertThat(indexed(f)).isEqualTo(8);
      assertThat(f.attempts.attemptsOfSession("s1").get(0).lastStepIndex()).isEqualTo(2);
      assertThat(f.attempts.attemptsOfSession("user:u-9").get(0).lastStepIndex()).isEqualTo(2);
    }
  }

  @Test
  void aRecomputedSessionRewritesOnlyTheAttemptThatChanged() {
    try (JourneyFixture f = new JourneyFixture(dir, "rewrite")) {
      f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 20, null),
          track("3", "s1", "Columns Mapped", 40, null), track("4", "s1", "Import Completed", 60, null),
          track("5", "s1", "Import Started", 120, null)));
      f.run();
      List<Attempt> first = f.attempts.attemptsOfSession("s1");
      assertThat(first).hasSize(2);
      assertThat(first.get(0).outcome()).isEqualTo(Outcome.COMPLETED);
      String done = rowIdentity(f, first.get(0).id());
      String open = rowIdentity(f, first.get(1).id());
      // another session's attempt stored after them, so a rewritten row cannot take its old place back (SQLite)
      f.insert(List.of(track("9", "s9", "Import Started", 130, null)));
      f.run();

      f.insert(List.of(track("6", "s1", "File Uploaded", 150, null))); // changes the second attempt only
      f.run();
      List<Attempt> second = f.attempts.attemptsOfSession("s1");
      assertThat(second.get(0)).isEqualTo(first.get(0));
      assertThat(second.get(1).lastStepIndex()).isEqualTo(1);
      assertThat(rowIdentity(f, first.get(0).id())).as("the unchanged attempt's row stays").isEqualTo(done);
      assertThat(rowIdentity(f, first.get(1).id())).as("control: the changed one was rewritten").isNotEqualTo(open);
      // and the rollups count both attempts, one of them completed
      var b = f.kpis.summary("inventory-import", JourneyFixture.T0, JourneyFixture.T0 + 3_600_000,
          java.util.Optional.empty(), Map.of()).get(0);
      assertThat(b.attempts()).isEqualTo(3);
      assertThat(b.completed()).isEqualTo(1);
    }
  }

  @Test
  void sessionContextsIncludeEventsTheIndexHasNotReachedYet() {
    try (JourneyFixture f = new JourneyFixture(dir, "contexts")) {
      PerfReads reads = new PerfReads(f.store.jdbi());
      f.insert(List.of(track("1", "s1", "Import Started", 0, "{\"app\":{\"version\":\"1.0\"}}")));
      assertThat(indexed(f)).isZero();
      assertThat(reads.sessionContexts(List.of("s1"))).containsOnlyKeys("s1");
      f.run();
      f.insert(List.of(track("2", "s1", "File Uploaded", 30, "{\"app\":{\"version\":\"1.1\"}}"),
          track("3", "s2", "File Uploaded", 30, "{}")));
      assertThat(indexed(f)).isEqualTo(1);
      Map<String, List<String>> contexts = reads.sessionContexts(List.of("s1"));
      assertThat(contexts.get("s1")).as("indexed first, then the newer one, oldest first").hasSize(2);
      assertThat(contexts.get("s1").get(1)).contains("1.1");
      f.run();
      assertThat(reads.sessionContexts(List.of("s1"))).isEqualTo(contexts);
    }
  }

  @Test
  void anOlderStoreIsIndexedByTheMigration() throws Exception {
    String db = TestStores.db(dir, "old");
    DbUrl url = DbUrl.parse(db);
    String jdbc = url.sqliteFile() != null ? "jdbc:sqlite:" + url.sqliteFile().toAbsolutePath() : url.jdbcUrl();
    Flyway.configure().dataSource(jdbc, url.user(), url.password()).locations(url.dialect().migrations())
        .target("16").load().migrate();
    try (Connection c = DriverManager.getConnection(jdbc, url.user(), url.password());
         PreparedStatement p = c.prepareStatement("INSERT INTO events (id, source, type, name, ts, received_at, "
             + "user_id, anonymous_id, session_id, properties, context) VALUES (?, 'segment', 'track', ?, ?, ?, ?, ?, "
             + "?, '{}', '{}')")) {
      Object[][] rows = {{"e1", "Import Started", 0, "u-1", null, "s-1"}, {"e2", "File Uploaded", 30, "u-1", null,
          "s-1"}, {"e3", "Import Started", 0, "u-2", null, null}, {"e4", "Import Started", 0, null, "a-3", null}};
      for (Object[] r : rows) {
        p.setString(1, (String) r[0]);
        p.setString(2, (String) r[1]);
        p.setLong(3, JourneyFixture.T0 + (int) r[2] * 1000L);
        p.setLong(4, JourneyFixture.T0);
        p.setString(5, (String) r[3]);
        p.setString(6, (String) r[4]);
        p.setString(7, (String) r[5]);
        p.executeUpdate();
      }
    }
    try (JourneyFixture f = new JourneyFixture(db)) {
      Map<String, String> keys = f.store.jdbi().withHandle(h -> h.createQuery("SELECT e.id, s.session_key FROM "
              + "event_sessions s JOIN events e ON e.seq = s.seq")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      assertThat(keys).isEqualTo(Map.of("e1", "s-1", "e2", "s-1", "e3", "user:u-2", "e4", "user:a-3"));
      f.run();
      assertThat(f.attempts.attemptsOfSession("s-1")).singleElement().satisfies(a ->
          assertThat(a.lastStepIndex()).isEqualTo(1));
      assertThat(f.attempts.attemptsOfSession("user:u-2")).hasSize(1);
      assertThat(f.attempts.attemptsOfSession("user:a-3")).hasSize(1);
      assertThat(indexed(f)).as("nothing indexed twice").isEqualTo(4);
    }
  }
}
