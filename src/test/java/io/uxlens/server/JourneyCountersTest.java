package io.uxlens.server;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Event;
import io.uxlens.prometheus.UxLensMetrics;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessionizer's commits move the Prometheus journey counters once per change, however often it re-runs. */
class JourneyCountersTest {
  @TempDir
  Path dir;

  @Test
  void attemptsMoveCountersOnceAndTargetsAreExported() throws Exception {
    long t0 = 1_777_629_600_000L;
    UxLensMetrics metrics = new UxLensMetrics();
    JourneyDefinitions defs = JourneyDefinitions.loadDefault();
    try (Store store = TestStores.open(dir, "c"); Writer writer = new Writer(store.jdbi(), 16)) {
      Sessionizer sessionizer = new Sessionizer(defs, new JourneyStore(store.jdbi()),
          new SessionTelemetryStore(store.jdbi()), writer);
      JourneyCounters.wire(defs, sessionizer, metrics.journeys());
      insert(writer, List.of(ev("1", "Import Started", t0), ev("2", "File Uploaded", t0 + 60_000),
          ev("3", "Import Failed", t0 + 70_000)));
      sessionizer.runOnce();
      insert(writer, List.of(ev("4", "Columns Mapped", t0 + 120_000), ev("5", "Import Completed", t0 + 300_000)));
      sessionizer.runOnce();
      sessionizer.runOnce();
    }
    String t = scrape(metrics);
    assertThat(value(t, "uxlens_journey_attempts_total{journey=\"inventory-import\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_outcomes_total{journey=\"inventory-import\",outcome=\"completed\"}"))
        .isEqualTo(1);
    assertThat(value(t, "uxlens_journey_errors_total{journey=\"inventory-import\",step=\"upload\"}")).isEqualTo(1);
    assertThat(value(t, "uxlens_journey_step_events_total{journey=\"inventory-import\",step=\"done\"}"))
        .isEqualTo(1);
    assertThat(value(t, "uxlens_step_latency_seconds_sum{journey=\"inventory-import\",step=\"done\"}"))
        .isEqualTo(180); // 300 s - 120 s
    assertThat(value(t, "uxlens_journey_target{journey=\"inventory-import\",kpi=\"time_on_task_p75_seconds\"}"))
        .isEqualTo(300); // 5m
    assertThat(value(t, "uxlens_journey_target{journey=\"checkout\",kpi=\"completion_rate\"}")).isEqualTo(0.7);
  }

  private static Event ev(String id, String name, long ts) {
    return new Event(id, "segment", "track", name, ts, ts, "u1", null, "s1", "{}", "{}");
  }

  private static void insert(Writer writer, List<Event> events) {
    RecordBatch.EMPTY.withEvents(events).writeWith(writer).join();
  }

  private static String scrape(UxLensMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, metrics.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    if (!m.find()) {
      throw new AssertionError("no sample " + series + " in\n" + exposition);
    }
    return Double.parseDouble(m.group(1));
  }
}
