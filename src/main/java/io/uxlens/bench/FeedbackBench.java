package io.uxlens.bench;

import io.uxlens.feedback.FeedbackRollups;
import io.uxlens.feedback.FeedbackSeries;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import io.uxlens.model.Feedback;
import io.uxlens.query.Buckets;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.feedback.FeedbackData;
import io.uxlens.query.feedback.FeedbackScore;
import io.uxlens.query.feedback.FeedbackVolume;
import io.uxlens.references.IndustryReferences;
import io.uxlens.store.ContextReads;
import io.uxlens.store.FeedbackReads;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.PerfReads;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * {@code uxlens bench feedback}: the feedback series (volume, NPS, CSAT, CES, sentiment) answered from the feedback
 * rollups against the same metrics reading every row, in the same run on the same SQLite store, for stores of N/10
 * and N random feedback items over a number of days: p50/p95 per query and path, the ratio, and each path's growth
 * for 10x the items. Every answer of the rollups is checked equal to the rows' before it is timed.
 */
public final class FeedbackBench {
  private static final long DAY = 86_400_000L;
  /** A fixed end, so the same N and days give the same store on every machine. */
  static final long END = 1_778_198_400_000L; // 2026-05-08T00:00:00Z
  private static final String[] JOURNEYS = {"checkout", "import", "onboarding", "account-opening", null};
  private static final String[] KINDS = {"nps", "csat", "ces", "text", "ticket"};
  private static final String[] TEXTS = {"Love the new checkout, so fast", "The CSV export is broken again",
      "search never finds anything, I hate it", "ok I guess", "Great support, thanks!"};

  private final int runs;
  private final PrintStream out;

  public FeedbackBench(int runs, PrintStream out) {
    this.runs = runs;
    this.out = out;
  }

  /** p50/p95 of both paths for one query. */
  public record Timing(String query, double rowsP50, double rowsP95, double rollupsP50, double rollupsP95) {}

  /** Runs both sizes; returns the timings of the larger store by query. */
  public Map<String, Timing> run(Path dir, int items, int days) throws Exception {
    Files.createDirectories(dir);
    Map<String, Timing> small = size(dir, Math.max(1, items / 10), days);
    Map<String, Timing> large = size(dir, items, days);
    out.printf("%ngrowth of p95 for 10x the items (%,d vs %,d): rows path / rollups path%n", items,
        Math.max(1, items / 10));
    large.forEach((q, t) -> {
      Timing s = small.get(q);
      out.printf("%7.2fx %7.2fx  %s%n", t.rowsP95() / s.rowsP95(), t.rollupsP95() / s.rollupsP95(), q);
    });
    return large;
  }

  private Map<String, Timing> size(Path dir, int items, int days) throws Exception {
    Path file = dir.resolve("feedback-" + items + "-" + days + "d.db");
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve(file.getFileName() + suffix));
    }
    Map<String, Timing> timings = new LinkedHashMap<>();
    try (Store store = Store.open(file.toString()); Writer writer = new Writer(store.jdbi(), 256)) {
      long t0 = System.nanoTime();
      insert(writer, items, days);
      double insertS = (System.nanoTime() - t0) / 1e9;
      Vader vader = Vader.feedback();
      long t1 = System.nanoTime();
      new FeedbackRollups(new FeedbackRollupStore(store.jdbi()), writer, vader).runOnce();
      double rollupS = (System.nanoTime() - t1) / 1e9;
      out.printf("%n== %,d feedback items over %d days (stored in %.1f s, rolled up in %.1f s: %,.0f items/s) ==%n",
          items, days, insertS, rollupS, items / Math.max(rollupS, 1e-9));
      ContextIndex contexts = new ContextIndex(new ContextReads(store.jdbi()));
      FeedbackData rows = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()), contexts,
          vader, List.of(), null);
      FeedbackData rollups = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()),
          contexts, vader, List.of(), new FeedbackSeries(new FeedbackRollupStore(store.jdbi()), vader));
      IndustryReferences refs = IndustryReferences.defaults();
      Map<String, Function<FeedbackData, Metric>> metrics = new LinkedHashMap<>();
      metrics.put("feedback.volume", FeedbackVolume::new);
      metrics.put("feedback.nps", d -> FeedbackScore.nps(d, refs));
      metrics.put("feedback.csat", d -> FeedbackScore.csat(d, refs));
      metrics.put("feedback.ces", FeedbackScore::ces);
      metrics.put("feedback.sentiment", FeedbackScore::sentiment);
      out.println("  rows p50   rows p95  rollups p50 rollups p95  p95 ratio  query");
      // the ranges and intervals Grafana sends a 1,000 px panel, ending at a time that is not a whole minute
      long to = END - 12_345;
      for (long[] range : new long[][] {{7, 600_000L}, {30, 1_800_000L}}) {
        TimeRange r = new TimeRange(to - range[0] * DAY, to);
        for (Map.Entry<String, Function<FeedbackData, Metric>> m : metrics.entrySet()) {
          for (Map<String, String> payload : List.of(Map.<String, String>of(), Map.of("group_by", "kind"))) {
            MetricQuery q = new MetricQuery("A", r, Buckets.of(r, range[1], 1_000), Payload.of(payload), List.of());
            Metric byRows = m.getValue().apply(rows);
            Metric byRollups = m.getValue().apply(rollups);
            List<DataFrame> expected = byRows.query(q);
            if (!byRollups.query(q).equals(expected)) {
              throw new IllegalStateException(m.getKey() + " " + payload + ": the rollups' answer differs");
            }
            double[] a = time(() -> byRows.query(q));
            double[] b = time(() -> byRollups.query(q));
            String name = range[0] + "d " + m.getKey() + (payload.isEmpty() ? "" : " " + payload);
            Timing t = new Timing(name, a[0], a[1], b[0], b[1]);
            timings.put(name, t);
            out.printf("%9.1f %9.1f %11.1f %11.1f %9.2fx  %s%n", t.rowsP50(), t.rowsP95(), t.rollupsP50(),
                t.rollupsP95(), t.rollupsP95() / t.rowsP95(), name);
          }
        }
      }
    }
    return timings;
  }

  /** p50 and p95 in ms of {@code runs} timed calls. */
  private double[] time(Runnable query) {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      query.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {DashboardReplay.quantile(ms, 0.5), DashboardReplay.quantile(ms, 0.95)};
  }

  /** Random feedback over the days before END: every kind, journeys and none, texts with stored sentiment. */
  private static void insert(Writer writer, int items, int days) {
    Random rnd = new Random(18);
    List<Feedback> batch = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String kind = KINDS[rnd.nextInt(KINDS.length)];
      Double score = switch (kind) {
        case "nps" -> (double) rnd.nextInt(11);
        case "csat" -> (double) (1 + rnd.nextInt(5));
        case "ces" -> (double) (1 + rnd.nextInt(7));
        default -> null;
      };
      String text = score == null || rnd.nextInt(3) == 0 ? TEXTS[rnd.nextInt(TEXTS.length)] : null;
      long ts = END - 1 - (long) (rnd.nextDouble() * days * DAY);
      batch.add(new Feedback("fb-" + i, kind, score, text, "u" + rnd.nextInt(10_000), "s" + rnd.nextInt(50_000),
          JOURNEYS[rnd.nextInt(JOURNEYS.length)], ts, text == null ? null : rnd.nextDouble() * 2 - 1, null, "api"));
      if (batch.size() == 5_000) {
        RecordBatch.EMPTY.withFeedback(batch).writeWith(writer).join();
        batch.clear();
      }
    }
    RecordBatch.EMPTY.withFeedback(batch).writeWith(writer).join();
  }
}
