package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Span;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spans of sessions as attempts are measured by: the columns attempts use, exactly as stored, for exactly the
 * sessions asked; on SQLite answered from the covering session index without visiting the table.
 */
class SessionSpansTest {
  @TempDir Path dir;

  @Test
  void readsTheMeasuredColumnsOfTheAskedSessionsOnly() throws Exception {
    Random r = new Random(7);
    List<Span> stored = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String session = i % 50 == 0 ? null : "s-" + (i % 40);
      stored.add(new Span("t" + i, "p" + i, i % 3 == 0 ? null : "p" + (i - 1), session,
          r.nextBoolean() ? "api" : null, "op-" + r.nextInt(5), "server", 1_777_000_000_000L + r.nextInt(3_600_000),
          r.nextDouble() * 900, r.nextInt(6) == 0 ? "error" : "ok", r.nextBoolean() ? 200 + r.nextInt(400) : null,
          r.nextInt(4) == 0 ? "postgresql" : null, "{\"k\":" + i + "}"));
    }
    try (Store store = TestStores.open(dir, "spans"); Writer writer = new Writer(store.jdbi(), 16)) {
      RecordBatch.EMPTY.withSpans(stored).writeWith(writer).join();
      List<String> asked = List.of("s-1", "s-7", "s-39", "s-404");
      Map<String, List<Span>> got = new SessionTelemetryStore(store.jdbi()).spans(asked);

      assertThat(got).containsOnlyKeys("s-1", "s-7", "s-39");
      for (String session : got.keySet()) {
        List<String> expected = stored.stream().filter(s -> session.equals(s.sessionId()))
            .map(SessionSpansTest::measured).sorted().toList();
        assertThat(got.get(session).stream().map(SessionSpansTest::measured).sorted().toList())
            .as(session).isEqualTo(expected).isNotEmpty();
      }

      if (store.dialect() == Dialect.SQLITE) {
        List<String> steps = store.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN "
                + SessionTelemetryStore.SESSION_SPANS.replace("<ids>", ":a, :b"))
            .bind("a", "s-1").bind("b", "s-7").map((rs, ctx) -> rs.getString("detail")).list());
        String plan = String.join(" | ", steps);
        assertThat(plan).contains("COVERING INDEX spans_session_cover");
      }
    }
  }

  /** The columns attempts are measured by, as one comparable text. */
  private static String measured(Span s) {
    return String.join("|", s.sessionId(), String.valueOf(s.service()), s.name(), Long.toString(s.start()),
        Double.toString(s.durationMs()), s.status(), String.valueOf(s.httpStatus()), String.valueOf(s.dbSystem()));
  }
}
