package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.store.RecordBatch;
import io.uxlens.testing.ConsoleCapture;
import io.uxlens.testing.JourneyTraffic;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uxlens bench dashboards} on a small seeded store: one timed line per panel query of the shipped
 * dashboards, every one answered 200, then one line per dashboard loaded at once.
 */
class BenchDashboardsCommandTest {
  static final Pattern LINE = Pattern.compile("^ +([\\d.]+) +([\\d.]+) +(\\d{3}) (\\S+) / (.+): (/api/v1/rows/\\S+)$",
      Pattern.MULTILINE);

  static final long T0 = java.time.Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void timesEveryPanelQueryAndEveryDashboard() throws Exception {
    try (TestServer seeded = TestServer.start(dir)) {
      // journeys only: no experiment is known, so the experiments dashboard's default selects nothing (200)
      RecordBatch.EMPTY.withEvents(JourneyTraffic.events(T0)).writeWith(seeded.server().writer())
          .join();
    }
    int code = Main.run("bench", "dashboards", "--db", dir.resolve("uxlens.db").toString(), "--days", "1",
        "--runs", "1");
    String out = console.out();
    assertThat(code).as(console.err()).isZero();
    assertThat(out).contains("range 1 days ending at the newest event", "whole dashboards");
    Matcher m = LINE.matcher(out);
    List<String> statuses = new java.util.ArrayList<>();
    while (m.find()) {
      statuses.add(m.group(3));
    }
    assertThat(statuses).as("a line per panel query").hasSizeGreaterThan(50).containsOnly("200");
    assertThat(out).containsPattern("journeys/inventory-import.json \\(\\d+ queries\\)");
  }

  @Test
  void aMissingStoreIsAUsageError() {
    assertThat(Main.run("bench", "dashboards", "--db", dir.resolve("none.db").toString())).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --db: no store at " + dir.resolve("none.db"));
  }
}
