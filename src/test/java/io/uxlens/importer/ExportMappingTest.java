package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mixpanel and Amplitude exports land as the Segment events docs/IMPORT.md describes, read back from SQLite. */
class ExportMappingTest {
  @TempDir
  Path dir;

  @Test
  void mixpanelExportMapsToSegmentTrackEvents() throws Exception {
    Path file = ImportRun.write(dir.resolve("mixpanel.json"), List.of(
        "{\"event\":\"Import Started\",\"properties\":{\"time\":1772359200,\"distinct_id\":\"u-1\","
            + "\"$insert_id\":\"a1\",\"$os\":\"Mac OS X\",\"$app_version_string\":\"2.4.1\",\"mp_country_code\":\"GB\","
            + "\"session_id\":\"s-9\",\"rows\":1200}}",
        "{\"event\":\"File Uploaded\",\"properties\":{\"time\":1772359260123,\"distinct_id\":\"$device:d-7\","
            + "\"$device_id\":\"d-7\"}}",
        "{\"event\":\"No Time\",\"properties\":{\"distinct_id\":\"u-2\",\"time\":\"yesterday\"}}"));
    try (TestServer server = TestServer.start(dir)) {
      ImportRun r = run(server, file);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains("mixpanel.json:3: timestamp (from properties.time): timestamp must be an "
          + "ISO-8601 date-time");
      Map<String, Map<String, Object>> rows = events(server);
      assertThat(rows).containsOnlyKeys("mixpanel-a1", "mixpanel-" + hashOf(file, 2));
      Map<String, Object> started = rows.get("mixpanel-a1");
      assertThat(started).containsEntry("name", "Import Started").containsEntry("user_id", "u-1")
          .containsEntry("session_id", "s-9")
          .containsEntry("ts", Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
      assertThat((String) started.get("context")).contains("\"os\":{\"name\":\"Mac OS X\"}")
          .contains("\"app\":{\"version\":\"2.4.1\"}").contains("\"location\":{\"country\":\"GB\"}");
      assertThat((String) started.get("properties")).contains("\"rows\":1200").doesNotContain("distinct_id");
      Map<String, Object> uploaded = rows.get("mixpanel-" + hashOf(file, 2));
      assertThat(uploaded).containsEntry("anonymous_id", "d-7").containsEntry("user_id", null)
          .containsEntry("ts", Instant.parse("2026-03-01T10:01:00.123Z").toEpochMilli());
    }
  }

  @Test
  void amplitudeExportMapsToSegmentEvents() throws Exception {
    Path file = ImportRun.writeGzip(dir.resolve("amplitude.json.gz"), List.of(
        "{\"event_type\":\"Checkout Started\",\"user_id\":\"u-5\",\"device_id\":\"dev-5\","
            + "\"event_time\":\"2026-02-10 08:30:00.250000\",\"insert_id\":\"ins-1\",\"session_id\":1770712200000,"
            + "\"event_properties\":{\"cart\":3},\"user_properties\":{\"plan\":\"pro\"},\"version_name\":\"3.1.0\","
            + "\"platform\":\"iOS\",\"os_name\":\"ios\",\"country\":\"France\",\"language\":\"fr-FR\"}",
        "{\"event_type\":\"Payment Submitted\",\"user_id\":null,\"device_id\":\"dev-6\","
            + "\"event_time\":\"2026-02-10 08:31:00.000000\",\"uuid\":\"0f1e\",\"session_id\":-1}",
        "{\"event_type\":\"Anonymous\",\"event_time\":\"2026-02-10 08:32:00.000000\",\"uuid\":\"0f1f\"}"));
    try (TestServer server = TestServer.start(dir)) {
      ImportRun r = run(server, file);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains("amplitude.json.gz:3: userId (from user_id or device_id): userId or "
          + "anonymousId is required");
      Map<String, Map<String, Object>> rows = events(server);
      assertThat(rows).containsOnlyKeys("amplitude-ins-1", "amplitude-0f1e");
      assertThat(rows.get("amplitude-ins-1")).containsEntry("name", "Checkout Started")
          .containsEntry("user_id", "u-5").containsEntry("anonymous_id", "dev-5")
          .containsEntry("session_id", "1770712200000")
          .containsEntry("ts", Instant.parse("2026-02-10T08:30:00.250Z").toEpochMilli());
      assertThat((String) rows.get("amplitude-ins-1").get("context"))
          .contains("\"app\":{\"version\":\"3.1.0\"}").contains("\"type\":\"ios\"")
          .contains("\"location\":{\"country\":\"France\"}").contains("\"locale\":\"fr-FR\"")
          .contains("\"traits\":{\"plan\":\"pro\"}");
      assertThat(rows.get("amplitude-0f1e")).containsEntry("session_id", null).containsEntry("user_id", null);
    }
  }

  private ImportRun run(TestServer server, Path file) {
    return ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(), "--checkpoint",
        dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0", file.toString());
  }

  private static String hashOf(Path file, int line) throws Exception {
    return Jsons.hashId("", java.nio.file.Files.readAllLines(file).get(line - 1).strip());
  }

  /** Stored events by id, straight from the server's store. */
  static Map<String, Map<String, Object>> events(TestServer server) throws Exception {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    try (io.uxlens.store.Store store = io.uxlens.store.Store.open(server.db());
        Connection c = store.jdbi().open().getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT id, name, user_id, anonymous_id, session_id, ts, properties, context FROM events")) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", rs.getString("name"));
        row.put("user_id", rs.getString("user_id"));
        row.put("anonymous_id", rs.getString("anonymous_id"));
        row.put("session_id", rs.getString("session_id"));
        row.put("ts", rs.getLong("ts"));
        row.put("properties", rs.getString("properties"));
        row.put("context", rs.getString("context"));
        out.put(rs.getString("id"), row);
      }
    }
    return out;
  }
}
