package io.uxlens.store;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Feedback;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackReadsTest {
  @TempDir
  Path dir;

  @Test
  void readsRangeHalfOpenInTimeOrderWithNulls() {
    try (Store store = TestStores.open(dir, "fb")) {
      store.jdbi().useHandle(h -> {
        String sql = "INSERT INTO feedback (id, kind, score, text, user_id, session_id, journey, ts, sentiment,"
            + " tags, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 'test')";
        h.execute(sql, "late", "nps", 9.0, null, "u1", "s1", "checkout", 2000L, null);
        h.execute(sql, "early", "text", null, "so slow", null, null, "import", 1000L, -0.52);
        h.execute(sql, "edge", "csat", 4.0, null, null, null, null, 3000L, null);
        h.execute(sql, "before", "nps", 1.0, null, null, null, null, 999L, null);
      });
      FeedbackReads reads = new FeedbackReads(store.jdbi());
      List<Feedback> got = reads.between(1000, 3000);
      assertThat(got).extracting(Feedback::id).containsExactly("early", "late");
      Feedback early = got.get(0);
      assertThat(early.score()).isNull();
      assertThat(early.sentiment()).isEqualTo(-0.52);
      assertThat(early.text()).isEqualTo("so slow");
      assertThat(got.get(1)).isEqualTo(
          new Feedback("late", "nps", 9.0, null, "u1", "s1", "checkout", 2000, null, "[]", "test"));
      assertThat(reads.between(0, 5000, "import")).extracting(Feedback::id).containsExactly("early");
      store.jdbi().useHandle(h -> h.execute("INSERT INTO feedback (id, kind, score, text, journey, ts, tags, source)"
          + " VALUES ('blank', 'nps', 3, '', 'import', 1500, '[]', 'test'), ('said', 'ces', 2, 'lost my data',"
          + " 'checkout', 2500, '[]', 'test')"));
      assertThat(mayComplain(reads, 1000, 3000, null)).as("no null or empty text, in time order")
          .extracting(Feedback::id).containsExactly("early", "said");
      assertThat(mayComplain(reads, 0, 5000, "checkout")).extracting(Feedback::id).containsExactly("said");
    }
  }

  /**
   * The complaint pre-filter reads exactly the items the pain-point rule may keep (no sentiment yet, or negative by
   * sentiment, kind or score) and none of those it is sure to refuse, at every threshold's edge.
   */
  @Test
  void readsEveryItemThatMayBeAComplaintAndNoOther() {
    try (Store store = TestStores.open(dir, "complaints")) {
      Object[][] items = {
          // id, kind, score, sentiment, may complain
          {"unscored", "text", null, null, true}, {"negative", "text", null, -0.06, true},
          {"at-threshold", "text", null, -0.05, false}, {"neutral", "text", null, 0.0, false},
          {"ticket", "ticket", null, 0.8, true}, {"nps-6", "nps", 6.0, 0.5, true}, {"nps-7", "nps", 7.0, 0.5, false},
          {"csat-2", "csat", 2.0, 0.5, true}, {"csat-3", "csat", 3.0, 0.5, false}, {"ces-3", "ces", 3.0, 0.5, true},
          {"ces-4", "ces", 4.0, 0.5, false}, {"nps-none", "nps", null, 0.5, false},
          {"nps-negative", "nps", 10.0, -0.4, true}};
      store.jdbi().useHandle(h -> {
        for (int i = 0; i < items.length; i++) {
          h.execute("INSERT INTO feedback (id, kind, score, text, journey, ts, sentiment, tags, source)"
              + " VALUES (?, ?, ?, 'some words', 'checkout', ?, ?, '[]', 'test')", items[i][0], items[i][1],
              items[i][2], 1000L + i, items[i][3]);
        }
      });
      List<String> expected = new java.util.ArrayList<>();
      for (Object[] item : items) {
        if ((Boolean) item[4]) {
          expected.add((String) item[0]);
        }
      }
      assertThat(expected).as("control: some items are refused").hasSizeLessThan(items.length);
      assertThat(mayComplain(new FeedbackReads(store.jdbi()), 0, 5000, null)).extracting(Feedback::id)
          .containsExactlyElementsOf(expected);
    }
  }

  private static List<Feedback> mayComplain(FeedbackReads reads, long from, long to, String journey) {
    return reads.mayComplainBetween(from, to, journey, -0.05, java.util.Set.of("ticket"),
        java.util.Map.of("nps", 6.0, "csat", 2.0, "ces", 3.0));
  }
}
