package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private static int seq;

  static Feedback fb(String kind, Double score, String journey, long ts) {
    return new Feedback("f" + (seq++), kind, score, null, null, null, journey, ts, null, null, "test");
  }

  static List<Feedback> nps(double... scores) {
    List<Feedback> out = new ArrayList<>();
    for (double s : scores) {
      out.add(fb("nps", s, "checkout", 0));
    }
    return out;
  }

  @Test
  void npsCountsPromotersPassivesDetractors() {
    // promoters 10,9,9,10 (4); passives 8,7 (2); detractors 6,3,0,5 (4): 40% - 40% = 0
    Nps even = Scores.nps(nps(10, 9, 9, 8, 7, 6, 3, 0, 10, 5));
    assertThat(even).isEqualTo(new Nps(0.0, 10, 4, 2, 4));
    // 3 promoters, 1 passive, 1 detractor of 5: 60% - 20% = 40
    Nps forty = Scores.nps(nps(10, 10, 9, 8, 2));
    assertThat(forty.value()).isCloseTo(40.0, within(1e-9));
    assertThat(forty.responses()).isEqualTo(5);
    // 1 promoter, 2 detractors of 3: -33.33
    assertThat(Scores.nps(nps(9, 6, 0)).value()).isCloseTo(-100.0 / 3, within(1e-9));
  }

  @Test
  void scoresIgnoreOtherKindsAndOffScaleValues() {
    List<Feedback> mixed = new ArrayList<>(nps(10, 0));
    mixed.add(fb("nps", 11.0, null, 0));
    mixed.add(fb("nps", null, null, 0));
    mixed.add(fb("csat", 5.0, null, 0));
    mixed.add(fb("text", null, null, 0));
    assertThat(Scores.nps(mixed)).isEqualTo(new Nps(0.0, 2, 1, 0, 1));
    assertThat(Scores.csat(mixed)).isEqualTo(new Csat(100.0, 1, 1));
  }

  @Test
  void csatIsShareOfFourAndFive() {
    List<Feedback> c = new ArrayList<>();
    for (double s : new double[] {5, 4, 3, 2, 5}) {
      c.add(fb("csat", s, null, 0));
    }
    assertThat(Scores.csat(c)).isEqualTo(new Csat(60.0, 5, 3));
  }

  @Test
  void cesIsMeanOfOneToSeven() {
    List<Feedback> c = List.of(fb("ces", 2.0, null, 0), fb("ces", 4.0, null, 0), fb("ces", 6.0, null, 0),
        fb("ces", 9.0, null, 0));
    assertThat(Scores.ces(c)).isEqualTo(new Mean(4.0, 3));
  }

  @Test
  void noResponsesGiveNullNotNaN() {
    assertThat(Scores.nps(List.of())).isEqualTo(new Nps(null, 0, 0, 0, 0));
    assertThat(Scores.csat(List.of()).percent()).isNull();
    assertThat(Scores.ces(List.of()).value()).isNull();
    assertThat(Scores.sentiment(List.of()).value()).isNull();
  }

  @Test
  void bucketsAlignToEpochAndKeepEmptyOnes() {
    long hour = 3_600_000L;
    // range starts mid-bucket at 10:30: the first bucket still starts at 10:00
    long from = 10 * hour + hour / 2;
    long to = 13 * hour;
    List<Feedback> items = List.of(
        fb("nps", 10.0, "a", 10 * hour + hour / 2),   // 10:00 bucket
        fb("nps", 0.0, "a", 11 * hour - 1),           // 10:00 bucket
        fb("nps", 9.0, "b", 12 * hour),               // 12:00 bucket (boundary belongs to the later bucket)
        fb("nps", 9.0, "b", 13 * hour),               // outside [from, to)
        fb("nps", 0.0, "b", 10 * hour));              // before from
    TreeMap<Long, Nps> series = Scores.byBucket(items, from, to, hour, Scores::nps);
    assertThat(series.keySet()).containsExactly(10 * hour, 11 * hour, 12 * hour);
    assertThat(series.get(10 * hour)).isEqualTo(new Nps(0.0, 2, 1, 0, 1));
    assertThat(series.get(11 * hour)).isEqualTo(new Nps(null, 0, 0, 0, 0));
    assertThat(series.get(12 * hour)).isEqualTo(new Nps(100.0, 1, 1, 0, 0));
    assertThat(Scores.bucketStart(-1, hour)).isEqualTo(-hour);
  }

  @Test
  void perJourneyGroupsAndKeepsUnassigned() {
    List<Feedback> items = List.of(fb("nps", 10.0, "import", 0), fb("nps", 2.0, "import", 0),
        fb("nps", 9.0, "checkout", 0), fb("nps", 3.0, null, 0));
    Map<String, Nps> byJourney = Scores.byJourney(items, Scores::nps);
    assertThat(byJourney).containsOnlyKeys("import", "checkout", Scores.NO_JOURNEY);
    assertThat(byJourney.get("import").value()).isEqualTo(0.0);
    assertThat(byJourney.get("checkout").value()).isEqualTo(100.0);
    assertThat(byJourney.get(Scores.NO_JOURNEY).value()).isEqualTo(-100.0);
  }

  @Test
  void badBucketArgumentsAreRejected() {
    assertThatThrownBy(() -> Scores.byBucket(List.of(), 0, 10, 0, Scores::nps))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket size");
    assertThatThrownBy(() -> Scores.byBucket(List.of(), 10, 10, 5, Scores::nps))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to > from");
    assertThatThrownBy(() -> Scores.byBucket(List.of(), 0, Long.MAX_VALUE / 2, 1, Scores::nps))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many buckets");
  }
}
