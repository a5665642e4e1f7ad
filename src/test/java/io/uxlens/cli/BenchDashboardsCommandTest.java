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
  static final Pattern LINE = Pattern.compile(
      "^ +([\\d.]+) +([\\d.]+) +[\\d.]+ +(\\d{3}) (\\S+) / (.+): (/api/v1/rows/\\S+|POST /grafana/query .+)$",
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
    int code = Main.run("bench", "dashboards", "--db", dir.resolve("uxlens.db").toString(), "--runs", "1");
    String out = console.out();
    assertThat(code).as(console.err()).isZero();
    for (String range : new String[] {"dashboard default", "7 days", "30 days"}) {
      for (String flavor : new String[] {"infinity", "json-api"}) {
        assertThat(out).contains("range: " + range + ", ending at the newest event (2026-05-01T");
        assertThat(out).contains("; flavour: " + flavor + " --");
      }
    }
    Matcher m = LINE.matcher(out);
    List<String> statuses = new java.util.ArrayList<>();
    List<String> queries = new java.util.ArrayList<>();
    while (m.find()) {
      statuses.add(m.group(3));
      queries.add(m.group(6));
    }
    assertThat(statuses).as("a line per panel query").hasSizeGreaterThan(300).containsOnly("200");
    assertThat(queries).anyMatch(q -> q.startsWith("/api/v1/rows/journey.completion_rate"))
        .anyMatch(q -> q.startsWith("POST /grafana/query journey.completion_rate"));
    // a page load is every panel's query at once (29 on the overview): none may be refused
    assertThat(out).doesNotContain("not 200)");
    assertThat(out).containsPattern("journeys/inventory-import.json \\(\\d+ queries\\)")
        .containsPattern("queries timed \\(runs per query: 1\\), \\d+ over 50 ms p95 \\(\\d+ with at least one run "
            + "over it\\), 0 not 200, \\d+ sends repeated after a dropped "
            + "connection; heap after GC \\d+ MB, resident \\d+ MB")
        .containsPattern("ingest beside the replay \\(50-event Segment batches every 100 ms, durable 200s\\): p50 [\\d.]+ ms, "
            + "p99 [\\d.]+ ms over [1-9]\\d* batches; alone before it: p50 [\\d.]+ ms, p99 [\\d.]+ ms; 0 failed");
  }

  /** --events builds a store of N and of N/10 records from the demo generator, replays both, prints the growth. */
  @Test
  void buildsTwoStoresAndPrintsTheGrowth() {
    Path stores = dir.resolve("stores");
    int code = Main.run("bench", "dashboards", "--events", "3000", "--days", "1", "--dir", stores.toString(),
        "--runs", "1", "--ranges", "7d", "--flavours", "json-api");
    String out = console.out();
    assertThat(code).as(console.err()).isZero();
    assertThat(out).contains("building " + stores.resolve("dashboards-300-1d.db"),
        "building " + stores.resolve("dashboards-3000-1d.db"), "== 300 records ==", "== 3,000 records ==",
        "growth of p95 for 10x the records", "range: 7 days", "flavour: json-api")
        .containsPattern("growth: median [\\d.]+x, worst [\\d.]+x").doesNotContain("flavour: infinity");
    // every timed query answered 200; read the status column, as other numbers (MB, ms sums) may well be 500
    Matcher m = LINE.matcher(out);
    List<String> statuses = new java.util.ArrayList<>();
    while (m.find()) {
      statuses.add(m.group(3));
    }
    assertThat(statuses).as("a line per panel query of both stores").hasSizeGreaterThan(100).containsOnly("200");
    assertThat(Pattern.compile("queries timed \\(runs per query: 1\\), \\d+ over 50 ms p95 \\(\\d+ with at least "
        + "one run over it\\), 0 not 200,").matcher(out).results().count())
        .as("a summary per store, each with every query answered 200").isEqualTo(2);
    assertThat(stores.resolve("dashboards-3000-1d.db.done")).exists();
  }

  @Test
  void eitherAStoreOrASize() {
    assertThat(Main.run("bench", "dashboards")).isEqualTo(2);
    assertThat(console.err()).contains("give either --db FILE (replay one store) or --events N");
    assertThat(Main.run("bench", "dashboards", "--events", "3000", "--ranges", "90d")).isEqualTo(2);
    assertThat(console.err()).contains("--ranges: unknown range '90d' (known: default, 7d, 30d)");
  }

  @Test
  void aMissingStoreIsAUsageError() {
    assertThat(Main.run("bench", "dashboards", "--db", dir.resolve("none.db").toString())).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --db: no store at " + dir.resolve("none.db"));
  }
}
