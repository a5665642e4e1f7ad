package io.uxlens.query.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.feedback.FeedbackRollups;
import io.uxlens.feedback.FeedbackSeries;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.AdHocFilter;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import io.uxlens.model.Event;
import io.uxlens.model.Feedback;
import io.uxlens.query.Buckets;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.references.IndustryReferences;
import io.uxlens.store.ContextReads;
import io.uxlens.store.FeedbackReads;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.PerfReads;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feedback series metric answered from the rollups against the same metric reading every row, on random
 * feedback over two days (journeys and none, every kind, scores over and beyond each scale, sentiments stored and
 * left for reading to score, session contexts): part rolled up, part still waiting for the rollup job, on ranges
 * that are not whole minutes, at several intervals, grouped and filtered. Frames must be equal value for value (the
 * same doubles, the same series), and the queries the rollups cannot answer exactly must fall back to the rows.
 */
class FeedbackRollupsTest {
  static final long T0 = 1_777_629_600_000L; // 2026-05-01T10:00:00Z
  static final long DAY = 86_400_000L;
  static final String[] JOURNEYS = {"checkout", "import", "onboarding", null};
  static final String[] KINDS = {"nps", "csat", "ces", "text", "ticket"};
  static final String[] TEXTS = {"Love the new checkout, so fast", "The CSV export is broken again",
      "search never finds anything, I hate it", "ok I guess", "Great support, thanks!"};

  @TempDir Path dir;

  /** One query and whether the rollups must answer it. */
  record Case(String name, long intervalMs, Map<String, String> payload, List<AdHocFilter> filters, boolean rolled) {}

  @Test
  void everyFeedbackSeriesFromTheRollupsEqualsTheRows() {
    Store store = TestStores.open(dir, "feedback-rollups");
    Writer writer = new Writer(store.jdbi(), 64);
    try {
      Random rnd = new Random(18);
      Vader vader = Vader.feedback();
      FeedbackRollups job = new FeedbackRollups(new FeedbackRollupStore(store.jdbi()), writer, vader);
      insert(writer, rnd, 0, 1_000);
      assertThat(job.runOnce()).isEqualTo(1_000);
      insert(writer, rnd, 1_000, 1_000); // arrived after the last run: read from the rows
      ContextIndex contexts = new ContextIndex(new ContextReads(store.jdbi()));
      FeedbackData rows = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()), contexts,
          vader, List.of(), null);
      FeedbackData rollups = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()),
          contexts, vader, List.of(), new FeedbackSeries(new FeedbackRollupStore(store.jdbi()), vader));
      IndustryReferences refs = IndustryReferences.defaults();
      List<Function<FeedbackData, Metric>> metrics = List.of(FeedbackVolume::new, d -> FeedbackScore.nps(d, refs),
          d -> FeedbackScore.csat(d, refs), FeedbackScore::ces, FeedbackScore::sentiment);
      long[][] ranges = {{T0 + 17_321, T0 + 2 * DAY - 4_999}, {T0 - 3_600_000L, T0 + DAY + 1},
          {T0 + 3_599_999, T0 + 3 * 3_600_000L + 1}};
      int rolledAnswers = 0;
      int valuesCompared = 0;
      for (long[] r : ranges) {
        // minute buckets on the shortest range only: the longer ones would just repeat the check with more buckets
        for (Case c : cases(r[1] - r[0] < DAY ? new long[] {60_000L, 1_200_000L, 3 * 3_600_000L}
            : new long[] {1_200_000L, 3 * 3_600_000L})) {
          MetricQuery q = new MetricQuery("A", new TimeRange(r[0], r[1]),
              Buckets.of(new TimeRange(r[0], r[1]), c.intervalMs(), 0), Payload.of(c.payload()), c.filters());
          assertThat(rollups.rolledUp(q).isPresent()).as(c.name()).isEqualTo(c.rolled());
          rolledAnswers += c.rolled() ? 1 : 0;
          for (Function<FeedbackData, Metric> metric : metrics) {
            List<DataFrame> expected = metric.apply(rows).query(q);
            List<DataFrame> actual = metric.apply(rollups).query(q);
            assertThat(actual).as("%s %s %s", metric.apply(rows).id(), c.name(), r[0]).isEqualTo(expected);
            valuesCompared += expected.stream().mapToInt(f -> f.fields().get(1).values().size()).sum();
          }
        }
      }
      assertThat(rolledAnswers).isEqualTo((2 + 2 + 3) * 5);
      assertThat(valuesCompared).isGreaterThan(5_000);
    } finally {
      writer.close();
      store.close();
    }
  }

  static List<Case> cases(long[] intervals) {
    AdHocFilter npsOnly = new AdHocFilter("kind", AdHocFilter.Operator.EQ, "nps");
    AdHocFilter notImport = new AdHocFilter("journey", AdHocFilter.Operator.NE, "import");
    AdHocFilter desktop = new AdHocFilter("device.type", AdHocFilter.Operator.EQ, "desktop");
    List<Case> out = new ArrayList<>();
    for (long interval : intervals) {
      out.add(new Case("all @" + interval, interval, Map.of(), List.of(), true));
      out.add(new Case("by kind @" + interval, interval, Map.of("group_by", "kind"), List.of(), true));
      out.add(new Case("checkout @" + interval, interval, Map.of("journey", "checkout"), List.of(), true));
      out.add(new Case("checkout by journey @" + interval, interval,
          Map.of("journey", "checkout", "group_by", "journey"), List.of(), true));
      out.add(new Case("kind filter @" + interval, interval, Map.of(), List.of(npsOnly), true));
    }
    // feedback tied to no journey takes its journey label from the session's context: rows only
    out.add(new Case("by journey", 1_200_000L, Map.of("group_by", "journey"), List.of(), false));
    out.add(new Case("journey filter", 1_200_000L, Map.of(), List.of(notImport), false));
    out.add(new Case("by context", 1_200_000L, Map.of("group_by", "app.version"), List.of(), false));
    out.add(new Case("context filter", 1_200_000L, Map.of(), List.of(desktop), false));
    out.add(new Case("90 s buckets", 90_000L, Map.of(), List.of(), false));
    return out;
  }

  /** {@code n} feedback items over two days from T0, and events giving their sessions a context. */
  static void insert(Writer writer, Random rnd, int first, int n) {
    List<Feedback> feedback = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String kind = KINDS[rnd.nextInt(KINDS.length)];
      Double score = switch (kind) {
        case "nps" -> (double) rnd.nextInt(12); // 11 is off the scale: counted as an item, not as a score
        case "csat" -> (double) rnd.nextInt(6); // 0 is off the scale
        case "ces" -> (double) (1 + rnd.nextInt(7));
        default -> null;
      };
      String text = kind.equals("text") || kind.equals("ticket") || rnd.nextInt(3) == 0
          ? TEXTS[rnd.nextInt(TEXTS.length)] : null;
      // most texts carry the sentiment scored at ingest (any double in range); some were stored before that
      Double sentiment = text == null || rnd.nextInt(5) == 0 ? null : rnd.nextDouble() * 2 - 1;
      String session = "s" + rnd.nextInt(80);
      long ts = T0 + (long) (rnd.nextDouble() * 2 * DAY);
      feedback.add(new Feedback("f" + i, kind, score, text, "u" + i, session, JOURNEYS[rnd.nextInt(JOURNEYS.length)],
          ts, sentiment, null, "api"));
      if (rnd.nextInt(10) == 0) {
        String context = "{\"app\":{\"version\":\"1." + rnd.nextInt(3) + "\"},\"device\":{\"type\":\""
            + (rnd.nextBoolean() ? "desktop" : "mobile") + "\"}}";
        events.add(new Event("e" + i, "segment", "track", "Page Viewed", ts, ts, "u" + i, null, session, "{}",
            context));
      }
    }
    RecordBatch.EMPTY.withFeedback(feedback).withEvents(events).writeWith(writer).join();
  }
}
