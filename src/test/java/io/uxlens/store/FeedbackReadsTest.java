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
      assertThat(reads.withTextBetween(1000, 3000, null)).as("no null or empty text, in time order")
          .extracting(Feedback::id).containsExactly("early", "said");
      assertThat(reads.withTextBetween(0, 5000, "checkout")).extracting(Feedback::id).containsExactly("said");
    }
  }
}
