package io.uxlens.query.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.feedback.ComplaintPhrases;
import io.uxlens.feedback.PainPoints;
import io.uxlens.feedback.SprintCalendar;
import io.uxlens.feedback.StoredComplaints;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.AdHocFilter;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import io.uxlens.model.Feedback;
import io.uxlens.query.Buckets;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.MetricQuery;
import io.uxlens.store.ComplaintStore;
import io.uxlens.store.ContextReads;
import io.uxlens.store.FeedbackReads;
import io.uxlens.store.PerfReads;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pain points ranked from the complaint job's phrases against the same metric reading and extracting every
 * item, on generated feedback over five weeks: planted complaints in several wordings, noise, feeling words,
 * personal data the mask removes, repeated texts that make themes compete for quotes, journeys and none, stored and
 * missing sentiments; part read by the job, part still waiting for it (some of it dated weeks back). Sprints of 1
 * to 14 days, anchored at midnight and mid-day, with and without a journey: the tables must be equal, value for
 * value.
 */
class StoredPainPointsTest {
  static final long T0 = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;
  static final String[] JOURNEYS = {"checkout", "import", "onboarding", null};
  static final String[] KINDS = {"nps", "csat", "ces", "text", "ticket"};
  static final String[] COMPLAINTS = {"The CSV import is so slow", "slow import again, it took forever",
      "Payment declined again, I bought elsewhere", "payment declined!!", "Stuck in a login loop",
      "login loop on mobile", "search results are irrelevant", "the export is broken", "terrible", "I hate it",
      "call me at 555-123-4567, the import is slow", "mail a.b@example.com: payment declined", "sync fails"};
  static final String[] NOUNS = {"dashboard", "report", "invoice", "widget", "sidebar", "calendar", "chart",
      "legend", "tooltip", "banner", "footer", "toolbar", "badge", "timeline", "profile"};
  static final String[] ADJECTIVES = {"odd", "ugly", "weird", "broken", "missing", "tiny", "misaligned", "wrong"};
  static final String[] PRAISE = {"Love the new checkout", "great support, thanks", "works well now"};

  @TempDir Path dir;

  @Test
  void painPointsFromTheComplaintPhrasesEqualTheItems() {
    Store store = TestStores.open(dir, "stored-pain-points");
    Writer writer = new Writer(store.jdbi(), 64);
    try {
      Random rnd = new Random(21);
      Vader vader = Vader.feedback();
      ComplaintStore complaints = new ComplaintStore(store.jdbi());
      ComplaintPhrases job = new ComplaintPhrases(complaints, writer, vader);
      insert(writer, rnd, 0, 3_000, T0, 35 * DAY);
      assertThat(job.runOnce()).isEqualTo(3_000);
      // after the last run: recent items, and late ones dated back into earlier sprints
      insert(writer, rnd, 3_000, 300, T0 + 28 * DAY, 7 * DAY);
      insert(writer, rnd, 3_300, 100, T0 + 7 * DAY, 21 * DAY);
      ContextIndex contexts = new ContextIndex(new ContextReads(store.jdbi()));
      FeedbackData data = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()), contexts,
          vader, List.of("checkout", "import", "onboarding"), null);
      PainPoints rule = new PainPoints(vader, PainPoints.DEFAULT_MIN_MENTIONS);
      int compared = 0;
      int rows = 0;
      for (String anchor : new String[] {"2026-04-01", "2026-04-01T13:45:00Z"}) {
        for (int days : new int[] {1, 3, 7, 14}) {
          for (long end : new long[] {T0 + 34 * DAY + 3_600_000L, T0 + 30 * DAY - 1, T0 + 16 * DAY + 7}) {
            for (String journey : new String[] {"all", "import", "checkout"}) {
              SprintCalendar calendar = SprintCalendar.ofDays(SprintCalendar.parseAnchor(anchor), days);
              Map<String, String> payload = new HashMap<>(Map.of("top", "10", "journey", journey,
                  "sprint_days", String.valueOf(days), "anchor", anchor));
              MetricQuery q = query(end - 7 * DAY, end, payload, List.of());
              List<DataFrame> expected = new FeedbackPainPoints(data, calendar).query(q);
              List<DataFrame> actual = new FeedbackPainPoints(data, calendar, complaints).query(q);
              assertThat(actual).as("%s %d days to %d, %s", anchor, days, end, journey).isEqualTo(expected);
              // the stored path answered (not the items behind it)
              assertThat(StoredComplaints.read(complaints, rule, "all".equals(journey) ? null : journey,
                  calendar.containing(end), c -> c.documents())).isPresent();
              compared++;
              rows += expected.get(0).fields().get(0).values().size();
            }
          }
        }
      }
      assertThat(compared).isEqualTo(2 * 4 * 3 * 3);
      assertThat(rows).as("themes compared").isGreaterThan(300);

      // an ad hoc filter needs each item's session: the items answer, the same table as before
      MetricQuery filtered = query(T0 + 27 * DAY, T0 + 34 * DAY, Map.of("top", "5"),
          List.of(new AdHocFilter("kind", AdHocFilter.Operator.EQ, "ticket")));
      SprintCalendar weekly = SprintCalendar.ofDays(SprintCalendar.parseAnchor("2026-04-01"), 7);
      assertThat(new FeedbackPainPoints(data, weekly, complaints).query(filtered))
          .isEqualTo(new FeedbackPainPoints(data, weekly).query(filtered));
    } finally {
      writer.close();
      store.close();
    }
  }

  @Test
  void anotherLexiconRebuildsThePhrasesAndUntilThenTheItemsAnswer() {
    Store store = TestStores.open(dir, "complaint-lexicon");
    Writer writer = new Writer(store.jdbi(), 64);
    try {
      Random rnd = new Random(5);
      ComplaintStore complaints = new ComplaintStore(store.jdbi());
      insert(writer, rnd, 0, 500, T0, 14 * DAY);
      Vader shipped = Vader.feedback();
      Vader plain = Vader.standard(); // without the product lexicon: other feeling words, other sentiments
      assertThat(ComplaintPhrases.fingerprint(plain)).isNotEqualTo(ComplaintPhrases.fingerprint(shipped));
      new ComplaintPhrases(complaints, writer, plain).runOnce();
      PainPoints rule = new PainPoints(shipped, PainPoints.DEFAULT_MIN_MENTIONS);
      SprintCalendar weekly = SprintCalendar.ofDays(SprintCalendar.parseAnchor("2026-04-01"), 7);
      assertThat(StoredComplaints.read(complaints, rule, null, weekly.containing(T0 + 10 * DAY), c -> 0))
          .as("rows of another lexicon are not read").isEmpty();
      long phrasesBefore = count(store, "complaint_phrases");
      assertThat(new ComplaintPhrases(complaints, writer, shipped).runOnce()).isEqualTo(500);
      assertThat(StoredComplaints.read(complaints, rule, null, weekly.containing(T0 + 10 * DAY), c -> 0))
          .isPresent();
      assertThat(count(store, "complaint_phrases")).isPositive().isNotEqualTo(phrasesBefore);
      FeedbackData data = new FeedbackData(new FeedbackReads(store.jdbi()), new PerfReads(store.jdbi()),
          new ContextIndex(new ContextReads(store.jdbi())), shipped, List.of(), null);
      MetricQuery q = query(T0 + 6 * DAY, T0 + 13 * DAY, Map.of("top", "10", "sprint_days", "7",
          "anchor", "2026-04-01"), List.of());
      List<DataFrame> expected = new FeedbackPainPoints(data, weekly).query(q);
      assertThat(expected.get(0).fields().get(0).values()).isNotEmpty();
      assertThat(new FeedbackPainPoints(data, weekly, complaints).query(q)).isEqualTo(expected);

      // retention may have dropped feedback of the sprint before: only the items can say what is left
      store.jdbi().useHandle(h -> h.execute("INSERT INTO journey_cursor (name, seq) VALUES ('retention_horizon_ms', "
          + (T0 + 2 * DAY) + ")"));
      assertThat(StoredComplaints.read(complaints, rule, null, weekly.containing(T0 + 10 * DAY), c -> 0)).isEmpty();
      assertThat(StoredComplaints.read(complaints, rule, null, weekly.containing(T0 + 20 * DAY), c -> 0))
          .isPresent();
    } finally {
      writer.close();
      store.close();
    }
  }

  static long count(Store store, String table) {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  static MetricQuery query(long from, long to, Map<String, String> payload, List<AdHocFilter> filters) {
    TimeRange range = new TimeRange(from, to);
    return new MetricQuery("A", range, Buckets.of(range, 600_000L, 0), Payload.of(payload), filters);
  }

  /** {@code n} items with times in [from, from + span). */
  static void insert(Writer writer, Random rnd, int first, int n, long from, long span) {
    List<Feedback> feedback = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String kind = KINDS[rnd.nextInt(KINDS.length)];
      Double score = switch (kind) {
        case "nps" -> (double) rnd.nextInt(11);
        case "csat" -> (double) (1 + rnd.nextInt(5));
        case "ces" -> (double) (1 + rnd.nextInt(7));
        default -> null;
      };
      int pick = rnd.nextInt(10);
      String text = pick < 5 ? COMPLAINTS[rnd.nextInt(COMPLAINTS.length)]
          : pick < 8 ? "The " + NOUNS[rnd.nextInt(NOUNS.length)] + " is " + ADJECTIVES[rnd.nextInt(ADJECTIVES.length)]
              + " and the " + NOUNS[rnd.nextInt(NOUNS.length)] + " too"
          : pick < 9 ? PRAISE[rnd.nextInt(PRAISE.length)] : null;
      // most texts carry a sentiment scored at ingest (any value, some exactly on the threshold); some none
      Double sentiment = text == null || rnd.nextInt(6) == 0 ? null
          : rnd.nextInt(20) == 0 ? PainPoints.NEGATIVE_SENTIMENT : rnd.nextDouble() * 2 - 1.2;
      long ts = from + (long) (rnd.nextDouble() * span);
      feedback.add(new Feedback("f" + i, kind, score, text, "u" + i, "s" + rnd.nextInt(80),
          JOURNEYS[rnd.nextInt(JOURNEYS.length)], ts, sentiment, null, "api"));
    }
    RecordBatch.EMPTY.withFeedback(feedback).writeWith(writer).join();
  }
}
