package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When SQLite cannot grow the database (PRAGMA max_page_count at its current size, as a full disk does), ingest is
 * answered 507 with a clear message and Retry-After, reads keep working, what was acknowledged stays intact, and ingest
 * resumes by itself once the limit is raised again.
 */
class StoreFullTest {
  @TempDir Path dir;

  @Test
  void aFullStoreRefusesIngestWith507KeepsReadsAndResumes() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.postJson("/v1/batch", batch("a", 200)).status()).isEqualTo(200);
      Jdbi jdbi = server.server().store().jdbi();
      long pages = jdbi.withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
      onEveryConnection(server, "PRAGMA max_page_count = " + pages);

      TestServer.Response full = server.postJson("/v1/batch", batch("b", 1_500));
      assertThat(full.status()).as(full.text()).isEqualTo(507);
      assertThat(full.json().path("error").asText()).contains("full").contains("nothing of this request was stored");
      assertThat(full.header("Retry-After")).isNotNull();
      assertThat(server.postJson("/v1/batch", batch("b", 1_500)).status()).as("still full").isEqualTo(507);

      assertThat(server.count("events")).as("reads work; the acknowledged events are all there").isEqualTo(200);
      assertThat(server.postJson("/grafana/query", "{\"range\":{\"from\":\"2026-04-30T00:00:00Z\","
          + "\"to\":\"2026-05-02T00:00:00Z\"},\"intervalMs\":3600000,\"targets\":[{\"refId\":\"A\","
          + "\"target\":\"journey.attempts\",\"payload\":{\"journey\":\"inventory-import\"}}]}").status())
          .isEqualTo(200);

      onEveryConnection(server, "PRAGMA max_page_count = 1073741823");
      TestServer.Response resumed = server.postJson("/v1/batch", batch("b", 1_500));
      assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
      assertThat(resumed.json().path("accepted").asInt()).isEqualTo(1_500);
      assertThat(server.postJson("/v1/batch", batch("a", 200)).json().path("duplicates").asInt())
          .as("the events acknowledged before are still stored once").isEqualTo(200);
      assertThat(server.count("events")).isEqualTo(1_700);
      String integrity = jdbi.withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
      assertThat(integrity).isEqualTo("ok");
    }
  }

  /**
   * max_page_count is a setting of each connection: set it on the writer's own connection (through the writer, the
   * only one that writes) and on the pool's others, held all at once.
   */
  private static void onEveryConnection(TestServer server, String pragma) throws Exception {
    server.server().writer().submit(h -> h.createQuery(pragma).mapTo(Long.class).findOne()).get();
    Jdbi jdbi = server.server().store().jdbi();
    List<Handle> handles = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        Handle h = jdbi.open();
        handles.add(h);
        h.createQuery(pragma).mapTo(Long.class).findOne();
      }
    } finally {
      handles.forEach(Handle::close);
    }
  }

  private static String batch(String prefix, int events) {
    StringBuilder sb = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < events; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u-").append(i % 40)
          .append("\",\"messageId\":\"").append(prefix).append('-').append(i)
          .append("\",\"event\":\"Import Started\",\"timestamp\":\"2026-05-01T10:00:00Z\",\"properties\":{")
          .append("\"session_id\":\"s-").append(i % 40).append("\",\"note\":\"").append("x".repeat(100))
          .append("\"}}");
    }
    return sb.append("]}").toString();
  }
}
