package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.TestStores;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code uxlens demo --db postgresql://...}: the history loads into PostgreSQL and journeys are built from it. */
class DemoOnPostgresTest {
  @Test
  void historyLoadsIntoPostgresql() throws Exception {
    String db = TestStores.postgresDb();
    long now = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
    try (Demo demo = Demo.start(new Demo.Settings(1, 5, 0.05, false, 1, "127.0.0.1", 0, db, false, 2, null),
        h -> { }, now)) {
      JsonNode status = DemoIngestTest.status(demo.baseUri());
      assertThat(status.path("store").path("dialect").asText()).isEqualTo("postgresql");
      long events = status.path("counts").path("events").asLong();
      assertThat(events).isEqualTo(demo.loaded().counts().get("events")).isPositive();
      assertThat(status.path("sessionizer").path("cursor").path("events").asLong())
          .as("attempts built from everything loaded").isEqualTo(status.path("sessionizer").path("head")
              .path("events").asLong());
    }
  }

  @Test
  void resetIsRefusedOnPostgresqlAndTakenOnSqlite() {
    assertThatThrownBy(() -> new Demo.Settings(1, 5, 1, false, 1, "127.0.0.1", 0, "postgresql://u@127.0.0.1/x",
        true, 2, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop and create");
    assertThat(new Demo.Settings(1, 5, 1, false, 1, "127.0.0.1", 0, "data/x.db", true, 2, null).reset()).isTrue();
  }
}
