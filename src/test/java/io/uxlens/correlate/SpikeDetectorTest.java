package io.uxlens.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.correlate.SpikeDetector.Bucket;
import io.uxlens.correlate.SpikeDetector.Params;
import io.uxlens.correlate.SpikeDetector.Spike;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Robust z-scores computed by hand (median, MAD, 1.4826 scaling) against what the detector reports. */
class SpikeDetectorTest {
  static final long MIN = 60_000;
  /** Baseline of 10 buckets, 20 attempts minimum, z > 3.5, spread floor one percentage point. */
  static final SpikeDetector DETECTOR = new SpikeDetector(new Params(10, 5, 20, 3.5, 0.01));

  /**
   * Error counts per 100 attempts: 2,3,2,4,3,2,3,5,2,3. Sorted rates .02 x4, .03 x4, .04, .05: median .03.
   * Deviations 0 x4, .01 x5, .02: MAD .01, scale 1.4826 * .01 = .014826.
   */
  static List<Bucket> baseline() {
    List<Bucket> out = new ArrayList<>();
    int[] errors = {2, 3, 2, 4, 3, 2, 3, 5, 2, 3};
    for (int i = 0; i < errors.length; i++) {
      out.add(new Bucket(i * MIN, 100, errors[i]));
    }
    return out;
  }

  static List<Bucket> then(List<Bucket> buckets, long attempts, long errors) {
    List<Bucket> out = new ArrayList<>(buckets);
    out.add(new Bucket(out.get(out.size() - 1).time() + MIN, attempts, errors));
    return out;
  }

  @Test
  void aBucketFarAboveTheBaselineIsASpike() {
    // 12/100 = .12: z = (.12 - .03) / .014826 = 6.0704
    List<Spike> spikes = DETECTOR.detect(then(baseline(), 100, 12), MIN);
    assertThat(spikes).hasSize(1);
    Spike s = spikes.get(0);
    assertThat(s.start()).isEqualTo(10 * MIN);
    assertThat(s.end()).isEqualTo(10 * MIN);
    assertThat(s.peakRate()).isCloseTo(0.12, within(1e-12));
    assertThat(s.baselineRate()).isCloseTo(0.03, within(1e-12));
    assertThat(s.peakZ()).isCloseTo(6.0704, within(1e-4));
    assertThat(s.attempts()).isEqualTo(100);
  }

  @Test
  void aModestRiseStaysUnderTheThreshold() {
    // 8/100 = .08: z = .05 / .014826 = 3.3725 < 3.5
    assertThat(DETECTOR.detect(then(baseline(), 100, 8), MIN)).isEmpty();
  }

  @Test
  void lowTrafficBucketsAreNeitherJudgedNorCountedInTheBaseline() {
    // 5 of 10 attempts fail: a rate of .5, but 10 < 20 attempts
    List<Bucket> buckets = then(baseline(), 10, 5);
    assertThat(DETECTOR.detect(buckets, MIN)).isEmpty();
    // ... and it does not enter the baseline: the next bucket is judged against the same median .03
    List<Spike> spikes = DETECTOR.detect(then(buckets, 100, 12), MIN);
    assertThat(spikes).singleElement().satisfies(s -> {
      assertThat(s.baselineRate()).isCloseTo(0.03, within(1e-12));
      assertThat(s.peakZ()).isCloseTo(6.0704, within(1e-4));
    });
  }

  @Test
  void aFlatBaselineUsesTheSpreadFloor() {
    List<Bucket> zero = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      zero.add(new Bucket(i * MIN, 100, 0));
    }
    // median 0, MAD 0: scale is the .01 floor. 3/100: z = 3.0, quiet; 4/100: z = 4.0, spike
    assertThat(DETECTOR.detect(then(zero, 100, 3), MIN)).isEmpty();
    assertThat(DETECTOR.detect(then(zero, 100, 4), MIN)).singleElement()
        .satisfies(s -> assertThat(s.peakZ()).isCloseTo(4.0, within(1e-9)));
  }

  @Test
  void tooShortABaselineFlagsNothing() {
    // 4 qualified buckets < minBaseline 5
    List<Bucket> four = baseline().subList(0, 4);
    assertThat(DETECTOR.detect(then(four, 100, 50), MIN)).isEmpty();
  }

  @Test
  void adjacentSpikeBucketsMergeIntoOneRun() {
    // bucket 10: 12/100 (z 6.0704). Bucket 11's baseline drops bucket 0 (.02) and adds .12:
    // rates .02 x3, .03 x4, .04, .05, .12 -> median .03; deviations 0 x4, .01 x4, .02, .09 -> MAD .01;
    // 20/100 = .20: z = .17 / .014826 = 11.4664. Then 3/100 ends the run.
    List<Bucket> b = then(then(then(baseline(), 100, 12), 100, 20), 100, 3);
    List<Spike> spikes = DETECTOR.detect(b, MIN);
    assertThat(spikes).singleElement().satisfies(s -> {
      assertThat(s.start()).isEqualTo(10 * MIN);
      assertThat(s.end()).isEqualTo(11 * MIN);
      assertThat(s.peakRate()).isCloseTo(0.20, within(1e-12));
      assertThat(s.peakZ()).isCloseTo(0.17 / 0.014826, within(1e-9));
      assertThat(s.attempts()).isEqualTo(200);
    });
  }

  @Test
  void separatedSpikesStaySeparate() {
    List<Bucket> b = then(then(then(baseline(), 100, 12), 100, 3), 100, 15);
    assertThat(DETECTOR.detect(b, MIN)).extracting(Spike::start).containsExactly(10 * MIN, 12 * MIN);
  }

  @Test
  void fallsAreNotSpikes() {
    List<Bucket> high = new ArrayList<>();
    int[] errors = {30, 31, 29, 30, 32, 30};
    for (int i = 0; i < errors.length; i++) {
      high.add(new Bucket(i * MIN, 100, errors[i]));
    }
    assertThat(DETECTOR.detect(then(high, 100, 0), MIN)).isEmpty();
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> new Bucket(0, 10, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Params(5, 6, 20, 3.5, 0.01)).isInstanceOf(IllegalArgumentException.class);
    List<Bucket> backwards = List.of(new Bucket(MIN, 100, 1), new Bucket(0, 100, 1));
    assertThatThrownBy(() -> DETECTOR.detect(backwards, MIN)).isInstanceOf(IllegalArgumentException.class);
  }
}
