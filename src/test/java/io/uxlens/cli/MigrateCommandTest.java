package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import io.uxlens.store.Store;
import io.uxlens.testing.ConsoleCapture;
import io.uxlens.testing.JourneyTraffic;
import io.uxlens.testing.TestStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uxlens migrate} on a SQLite store filled through a real server (spans, a Segment batch, the sessionizer's
 * attempts and rollups) into databases of a real PostgreSQL server: a copy stopped part-way and resumed equals an
 * uninterrupted one table by table, and a server on the copy answers Grafana as the SQLite one does.
 */
class MigrateCommandTest {
  private static final long T0 = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> QUERIES = List.of(
      "GET /api/v1/rows/journey.attempts?from=" + T0 + "&to=" + (T0 + HOUR) + "&interval=600000",
      "GET /api/v1/rows/journey.completion_rate?from=" + T0 + "&to=" + (T0 + HOUR) + "&interval=600000",
      "POST /grafana/query " + grafana("journey.attempts", "{\"journey\":\"checkout\"}"),
      "POST /grafana/query " + grafana("journey.error_rate", "{\"journey\":\"checkout\"}"));

  @TempDir
  static Path dir;
  private static Path sqlite;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  @BeforeAll
  static void fillSqliteStore() throws Exception {
    sqlite = dir.resolve("uxlens.db");
    try (UxLensServer s = UxLensServer.newServer(ServerConfig.local(sqlite))) {
      assertThat(post(s, "/v1/traces", JourneyTraffic.otlpSpans(T0))).isEqualTo(200);
      assertThat(post(s, "/v1/batch", JourneyTraffic.segmentBatch(T0))).isEqualTo(200);
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!attemptsDone(s) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(attemptsDone(s)).as("attempts built").isTrue();
    }
  }

  @Test
  void stoppedAndResumedCopyEqualsAnUninterruptedOneAndAnswersGrafanaTheSame() throws Exception {
    String resumed = TestStores.postgresDb();
    String straight = TestStores.postgresDb();

    assertThat(Main.run("migrate", "--from", sqlite.toString(), "--to", resumed, "--batch", "7",
        "--stop-after", "20")).isEqualTo(MigrateCommand.INCOMPLETE);
    assertThat(console.out()).contains("stopped after 21 rows");
    Map<String, List<String>> partial = dump(resumed);
    assertThat(partial.get("events")).hasSize(21);
    assertThat(partial.get("spans")).isEmpty();

    console.reset();
    int rc = Main.run("migrate", "--from", sqlite.toString(), "--to", resumed, "--batch", "7");
    assertThat(rc).as(console.out() + console.err()).isZero();
    assertThat(console.out()).contains("every table's count matches").containsPattern("events\\s+\\d+\\s+\\d+");
    assertThat(Main.run("migrate", "--from", sqlite.toString(), "--to", straight)).isZero();

    Map<String, List<String>> a = dump(resumed);
    Map<String, List<String>> b = dump(straight);
    assertThat(a.keySet()).contains("events", "spans", "journey_attempts", "journey_rollups", "journey_cursor",
        "telemetry_rollups", "record_counts");
    assertThat(a.get("journey_attempts")).isNotEmpty();
    assertThat(a).isEqualTo(b);

    Map<String, String> onSqlite = answers(sqlite.toString());
    Map<String, String> onPostgres = answers(resumed);
    assertThat(onSqlite.values()).allSatisfy(body -> assertThat(body).contains("checkout"));
    assertThat(onPostgres).isEqualTo(onSqlite);

    try (Store pg = Store.open(resumed)) {
      long maxSeq = pg.jdbi().withHandle(h -> h.createQuery("SELECT max(seq) FROM events").mapTo(Long.class).one());
      long next = pg.jdbi().withHandle(h -> h.createQuery("SELECT nextval('events_seq')").mapTo(Long.class).one());
      assertThat(next).as("new events sort after the copied ones").isEqualTo(maxSeq + 1);
      long inDefault = pg.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events_default")
          .mapTo(Long.class).one());
      long inMay = pg.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events_p2026_05")
          .mapTo(Long.class).one());
      assertThat(inDefault).as("copied rows sit in their month's partition").isZero();
      assertThat(inMay).isEqualTo(a.get("events").size());
    }
  }

  @Test
  void refusesTargetsAndSourcesThatAreNotAnEmptyDatabaseOrAUxLensStore() throws Exception {
    String used = TestStores.postgresDb();
    try (Store pg = Store.open(used)) {
      pg.jdbi().useHandle(h -> h.execute("INSERT INTO record_counts (kind, n) VALUES ('segment', 1)"));
    }
    assertThat(Main.run("migrate", "--from", sqlite.toString(), "--to", used)).isEqualTo(2);
    assertThat(console.err()).contains("the target is not empty (record_counts holds 1 rows)");

    String other = TestStores.postgresDb();
    Path otherStore = dir.resolve("other.db");
    Store.open(otherStore.toString()).close();
    assertThat(Main.run("migrate", "--from", otherStore.toString(), "--to", other, "--stop-after", "1"))
        .as(console::out).isZero();
    console.reset();
    assertThat(Main.run("migrate", "--from", sqlite.toString(), "--to", other)).isEqualTo(2);
    assertThat(console.err()).contains("holds a copy of another store");

    Path notAStore = Files.writeString(dir.resolve("notes.txt"), "hello");
    console.reset();
    assertThat(Main.run("migrate", "--from", notAStore.toString(), "--to", TestStores.postgresDb())).isEqualTo(2);
    assertThat(console.err()).contains("is not a UX Lens SQLite store");
    console.reset();
    assertThat(Main.run("migrate", "--from", sqlite.toString(), "--to", dir.resolve("x.db").toString()))
        .isEqualTo(2);
    assertThat(console.err()).contains("--to must be a PostgreSQL URL");
    assertThat(Files.exists(dir.resolve("x.db"))).isFalse();
    console.reset();
    assertThat(Main.run("migrate", "--from", other, "--to", TestStores.postgresDb())).isEqualTo(2);
    assertThat(console.err()).contains("--from must be a SQLite store file");
  }

  /** Every table of a PostgreSQL store, each row as text, in a stable order. */
  private static Map<String, List<String>> dump(String db) {
    try (Store s = Store.open(db)) {
      return s.jdbi().withHandle(h -> {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> names = h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            + "AND tablename NOT LIKE 'flyway%' AND tablename NOT LIKE '%\\_default' AND tablename NOT LIKE "
            + "'%\\_p____\\___' AND tablename <> 'uxlens_migrate_progress' ORDER BY 1").mapTo(String.class).list();
        for (String t : names) {
          List<String> rows = new ArrayList<>();
          h.createQuery("SELECT * FROM " + t).map((rs, ctx) -> row(rs)).forEach(rows::add);
          rows.sort(null);
          tables.put(t, rows);
        }
        return tables;
      });
    }
  }

  private static String row(ResultSet rs) throws java.sql.SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Object v = rs.getObject(i);
      b.append(md.getColumnName(i)).append('=')
          .append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(v)).append(' ');
    }
    return b.toString();
  }

  /** The answers of a server on {@code db} to {@link #QUERIES}. */
  private static Map<String, String> answers(String db) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (UxLensServer s = UxLensServer.newServer(ServerConfig.local(db))) {
      for (String q : QUERIES) {
        String[] parts = q.split(" ", 3);
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri().resolve(parts[1]));
        if (parts[0].equals("POST")) {
          r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(parts[2]));
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(q + ": " + response.body()).isEqualTo(200);
        out.put(q, response.body());
      }
    }
    return out;
  }

  private static String grafana(String target, String payload) {
    return "{\"range\":{\"from\":\"2026-05-01T10:00:00Z\",\"to\":\"2026-05-01T11:00:00Z\"},\"intervalMs\":600000,"
        + "\"maxDataPoints\":1000,\"targets\":[{\"refId\":\"A\",\"target\":\"" + target + "\",\"payload\":"
        + payload + "}],\"filters\":[]}";
  }

  private static int post(UxLensServer s, String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(s.uri().resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static boolean attemptsDone(UxLensServer s) {
    var kpis = s.journeys().kpis();
    return finished(kpis, "checkout") == 5 && finished(kpis, "inventory-import") == 2;
  }

  private static long finished(io.uxlens.journey.JourneyKpis kpis, String journey) {
    return kpis.attempts(journey, T0, T0 + HOUR, Map.of()).stream().filter(a -> a.outcome().finished()).count();
  }

}
