package io.uxlens.query.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotes read the newest texts first and read further back only while a theme leaves too few: 300 texts in the
 * range, the 12 oldest about broken CSV exports, the rest about the pricing page.
 */
class FeedbackQuotesScanTest {
  static final String FROM = "2026-03-02T00:00:00Z";
  static final String TO = "2026-03-02T06:00:00Z";
  static final long T0 = java.time.Instant.parse(FROM).toEpochMilli();

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void ingest() throws Exception {
    server = TestServer.start(dir);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String text = i < 12 ? "The CSV export is broken again " + i : "The pricing page is confusing " + i;
      items.add("{\"id\":\"q" + i + "\",\"kind\":\"text\",\"text\":\"" + text + "\",\"journey\":\"checkout\","
          + "\"timestamp\":" + (T0 + i * 60_000L) + "}");
    }
    TestServer.Response r = server.postJson("/api/v1/feedback", "{\"items\":[" + String.join(",", items) + "]}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theNewestTextsWithoutATheme() throws Exception {
    JsonNode rows = rows("&limit=10");
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).path("time").asLong()).isEqualTo(T0 + 299 * 60_000L);
    assertThat(rows.get(9).path("time").asLong()).isEqualTo(T0 + 290 * 60_000L);
  }

  @Test
  void aThemeOnlyOldTextsMentionIsFoundBeyondTheFirstRead() throws Exception {
    JsonNode rows = rows("&limit=10&theme=csv+export+broken");
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).path("time").asLong()).isEqualTo(T0 + 11 * 60_000L);
    assertThat(rows.get(9).path("time").asLong()).isEqualTo(T0 + 2 * 60_000L);
    assertThat(rows("&limit=20&theme=csv+export+broken")).hasSize(12);
  }

  private static JsonNode rows(String params) throws Exception {
    TestServer.Response r = server.get("/api/v1/rows/feedback.quotes?from=" + FROM + "&to=" + TO + params);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().path("rows");
  }
}
