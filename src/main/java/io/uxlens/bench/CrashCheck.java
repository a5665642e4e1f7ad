package io.uxlens.bench;

import io.uxlens.json.Json;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What {@link CrashBench} checks once the last server stopped: the records, then the attempts against a rebuild. */
final class CrashCheck {
  record Counts(Map<String, Long> stored, long missing, long duplicates, long unexpected) {}

  record Attempts(int stored, int rebuilt, int differing) {}

  private static final Map<String, String> ID_QUERIES = Map.of(
      "events", "SELECT id FROM events",
      "spans", "SELECT trace_id || '/' || span_id FROM spans",
      "feedback", "SELECT id FROM feedback");

  private CrashCheck() {}

  /** Every acknowledged id stored once, and nothing stored that no client sent. */
  static Counts records(Path db, List<CrashClients.Client> clients) throws SQLException {
    Map<String, Long> stored = new TreeMap<>();
    long missing = 0;
    long duplicates = 0;
    long unexpected = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
         Statement s = c.createStatement()) {
      for (Map.Entry<String, String> kind : ID_QUERIES.entrySet()) {
        Set<String> acknowledged = new HashSet<>();
        clients.forEach(cl -> acknowledged.addAll(cl.acknowledged().getOrDefault(kind.getKey(), Set.of())));
        Set<String> ids = new HashSet<>();
        long rows = 0;
        try (ResultSet rs = s.executeQuery(kind.getValue())) {
          while (rs.next()) {
            rows++;
            ids.add(rs.getString(1));
          }
        }
        stored.put(kind.getKey(), rows);
        duplicates += rows - ids.size();
        for (String id : acknowledged) {
          missing += ids.contains(id) ? 0 : 1;
        }
        for (String id : ids) {
          unexpected += acknowledged.contains(id) ? 0 : 1;
        }
      }
    }
    return new Counts(stored, missing, duplicates, unexpected);
  }

  /**
   * Lets the sessionizer catch up on the crashed store and reads its attempts; then copies the store, drops
   * everything derived (attempts, rollups, spikes, the cursor), lets a fresh server rebuild it from the stored events
   * and spans, and counts the attempts that differ.
   */
  static Attempts attemptsAgainstRebuild(Path db, Path rebuild) throws Exception {
    Set<String> stored = caughtUpAttempts(db);
    Files.copy(db, rebuild, StandardCopyOption.REPLACE_EXISTING);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rebuild.toAbsolutePath());
         Statement s = c.createStatement()) {
      for (String table : new String[] {"journey_attempts", "journey_rollups", "journey_spikes", "journey_cursor",
          "journey_spike_scans_due", "experiment_first_attempts"}) {
        s.execute("DELETE FROM " + table);
      }
    }
    Set<String> rebuilt = caughtUpAttempts(rebuild);
    Set<String> onlyOne = new HashSet<>(stored);
    onlyOne.addAll(rebuilt);
    Set<String> both = new HashSet<>(stored);
    both.retainAll(rebuilt);
    onlyOne.removeAll(both);
    return new Attempts(stored.size(), rebuilt.size(), onlyOne.size());
  }

  private static Set<String> caughtUpAttempts(Path db) throws Exception {
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(db))) {
      awaitSessionizer(server.uri());
      Set<String> rows = new HashSet<>();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT * FROM journey_attempts")) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
          }
          rows.add(row.toString());
        }
      }
      return rows;
    }
  }

  /** Until the sessionizer's cursor reaches the stored head (and stays there across a second look). */
  private static void awaitSessionizer(URI base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 300_000_000_000L;
    int steady = 0;
    while (System.nanoTime() < deadline) {
      var status = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/status")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("sessionizer");
      boolean caughtUp = status.path("cursor").path("events").asLong() >= status.path("head").path("events").asLong()
          && status.path("cursor").path("spans").asLong() >= status.path("head").path("spans").asLong();
      steady = caughtUp ? steady + 1 : 0;
      if (steady >= 3) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the sessionizer did not catch up within 5 minutes");
  }
}
