package io.uxlens.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.model.Attempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriversTest {
  static final String[] VERSIONS = {"2.3.9", "2.4.0", "2.4.1"};
  static final String[] COUNTRIES = {"US", "DE", "FR", "BR", "IN", "JP"};
  static final String[] DEVICES = {"desktop", "mobile", "tablet"};

  /** Attempts with random context; completion 0.8, except {@code broken} versions, which complete at 0.5. */
  static List<Attempt> window(SplittableRandom r, long t0, int n, String broken, double brokenShare) {
    List<Attempt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String version = r.nextDouble() < brokenShare ? broken : VERSIONS[r.nextInt(VERSIONS.length)];
      while (broken != null && version.equals(broken) && brokenShare == 0) {
        version = VERSIONS[r.nextInt(VERSIONS.length)];
      }
      double p = version.equals(broken) ? 0.5 : 0.8;
      java.util.HashMap<String, String> ctx = new java.util.HashMap<>();
      ctx.put("app_version", version);
      ctx.put("country", COUNTRIES[r.nextInt(COUNTRIES.length)]);
      if (r.nextDouble() < 0.9) {
        ctx.put("device", DEVICES[r.nextInt(DEVICES.length)]);
      }
      out.add(Attempts.of(t0 + i * 1000L, r.nextDouble() < p, r.nextDouble() < 0.05, ctx,
          50 + r.nextDouble() * 500, 30_000));
    }
    return out;
  }

  /** A current window where the existing {@code version} breaks: it completes at 0.5 instead of 0.8. */
  static List<Attempt> brokenInside(SplittableRandom r, String version) {
    List<Attempt> after = new ArrayList<>();
    for (Attempt x : window(r, 10_000_000, 3000, null, 0)) {
      boolean broken = x.context().get("app_version").equals(version);
      after.add(broken ? Attempts.of(x.start(), r.nextDouble() < 0.5, x.errorCount() > 0, x.context(),
          x.performance().meanLatencyMs(), 30_000) : x);
    }
    return after;
  }

  @Test
  void aPlantedBrokenVersionIsFoundFirst() {
    SplittableRandom r = new SplittableRandom(7);
    List<Attempt> before = window(r, 0, 3000, "9.9.9", 0);
    List<Attempt> after = window(r, 10_000_000, 3000, "9.9.9", 0.3);
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    List<Dimension> dims = Dimension.all(both);
    Drivers.Analysis a = Drivers.analyse(Kpi.COMPLETION_RATE, before, after, dims, 30);
    Driver top = a.rows().get(0);
    assertThat(top.dimension()).isEqualTo("app_version");
    assertThat(top.segment()).isEqualTo("9.9.9");
    assertThat(top.units0()).isZero();
    assertThat(top.share()).isGreaterThan(0.6);
    assertThat(a.decomposed().change()).isNegative();
    // every dimension's contributions add up to the overall change
    Map<String, Double> sums = a.rows().stream().collect(Collectors.groupingBy(Driver::dimension,
        Collectors.summingDouble(Driver::contribution)));
    // locale, os and variant hold one value (unknown) and last_step is completion itself: left out
    assertThat(sums.keySet()).containsExactlyInAnyOrder("app_version", "country", "device", "latency_band",
        "error_seen");
    sums.values().forEach(s -> assertThat(s).isCloseTo(a.decomposed().change(), within(1e-9)));
    assertThat(a.rows()).anyMatch(d -> d.dimension().equals("device") && d.segment().equals(Dimension.UNKNOWN));
    // a new segment is tested against the whole comparison window
    assertThat(top.adjustedPValue()).isLessThan(0.001);

    // the same break inside an existing version: its own change is highly significant after correction
    List<Attempt> after2 = brokenInside(new SplittableRandom(11), "2.4.0");
    List<Attempt> both2 = new ArrayList<>(before);
    both2.addAll(after2);
    Drivers.Analysis b = Drivers.analyse(Kpi.COMPLETION_RATE, before, after2, Dimension.all(both2), 30);
    Driver first = b.rows().get(0);
    assertThat(first.dimension() + "=" + first.segment()).isEqualTo("app_version=2.4.0");
    assertThat(first.adjustedPValue()).isLessThan(0.001);
    assertThat(first.rateEffect()).isLessThan(first.mixEffect());
    long significant = b.rows().stream().filter(d -> d.adjustedPValue() != null && d.adjustedPValue() < 0.05
        && !d.dimension().equals("app_version") && !d.dimension().equals("last_step")).count();
    // other dimensions carry the break diluted (each of their values holds a third of 2.4.0): fewer rows than values
    assertThat(significant).isLessThan(b.rows().size());
  }

  @Test
  void noSegmentIsSignificantOnAnAaSplit() {
    SplittableRandom r = new SplittableRandom(3);
    List<Attempt> all = window(r, 0, 6000, null, 0);
    List<Attempt> before = new ArrayList<>();
    List<Attempt> after = new ArrayList<>();
    all.forEach(a -> (r.nextBoolean() ? before : after).add(a));
    Drivers.Analysis a = Drivers.analyse(Kpi.COMPLETION_RATE, before, after, Dimension.all(all), 30);
    assertThat(a.rows()).isNotEmpty();
    assertThat(a.rows()).allSatisfy(d -> assertThat(d.adjustedPValue()).isGreaterThan(0.05));
    // control: the planted break in the same data is significant, so the test can fail
    List<Attempt> broken = after.stream().map(x -> x.context().get("app_version").equals("2.4.1")
        ? Attempts.of(x.start(), false, false, x.context(), 100.0, 30_000) : x).toList();
    Drivers.Analysis b = Drivers.analyse(Kpi.COMPLETION_RATE, before, broken, Dimension.all(all), 30);
    assertThat(b.rows()).anyMatch(d -> d.adjustedPValue() != null && d.adjustedPValue() < 0.05);
  }

  @Test
  void smallValuesArePooledIntoOtherAndTheSumStillHolds() {
    SplittableRandom r = new SplittableRandom(5);
    List<Attempt> before = window(r, 0, 200, null, 0);
    List<Attempt> after = new ArrayList<>(window(r, 10_000_000, 200, null, 0));
    after.add(Attempts.of(10_500_000, false, false, Map.of("app_version", "0.0.1-rare")));
    after.add(Attempts.of(10_600_000, true, true, Map.of("app_version", "0.0.2-rare")));
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    Drivers.Analysis a = Drivers.analyse(Kpi.ERROR_RATE, before, after, Dimension.all(both), 30);
    assertThat(a.rows()).noneMatch(d -> d.segment().endsWith("-rare"));
    assertThat(a.rows()).anyMatch(d -> d.dimension().equals("app_version") && d.segment().equals(Drivers.OTHER));
    double sum = a.rows().stream().filter(d -> d.dimension().equals("app_version"))
        .mapToDouble(Driver::contribution).sum();
    assertThat(sum).isCloseTo(a.decomposed().change(), within(1e-12));
    // one small value alone keeps its name: pooling it would only hide it
    after.remove(after.size() - 1);
    Drivers.Analysis b = Drivers.analyse(Kpi.ERROR_RATE, before, after, Dimension.all(both), 30);
    assertThat(b.rows()).anyMatch(d -> d.segment().equals("0.0.1-rare"));
  }

  @Test
  void timeOnTaskIsExplainedThroughTheShareSlowerThanTheComparisonMedian() {
    List<Attempt> before = new ArrayList<>();
    List<Attempt> after = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String os = i % 5 < 3 ? "android" : "ios";
      before.add(Attempts.of(i * 1000L, true, false, Map.of("os", os), 100.0, 40_000 + i * 10L));
      long slow = os.equals("android") ? 80_000 : 40_000;
      after.add(Attempts.of(1_000_000 + i * 1000L, true, false, Map.of("os", os), 100.0, slow + i * 10L));
    }
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    Drivers.Analysis a = Drivers.analyse(Kpi.TIME_ON_TASK_P50, before, after, Dimension.all(both), 30);
    assertThat(a.change()).isGreaterThan(30);
    Driver top = a.rows().get(0);
    assertThat(top.dimension() + "=" + top.segment()).isEqualTo("os=android");
    assertThat(top.change()).isCloseTo(40, within(0.1));
    assertThat(top.share()).isGreaterThan(0.9);
  }

  @Test
  void theChangeStartsAtTheBurstAndAlignsToTheDeployBeforeIt() {
    SplittableRandom r = new SplittableRandom(9);
    List<Attempt> before = new ArrayList<>();
    List<Attempt> after = new ArrayList<>();
    long minute = 60_000;
    for (int i = 0; i < 600; i++) {
      Map<String, String> device = Map.of("device", i % 3 == 0 ? "mobile" : "desktop");
      before.add(Attempts.of(i * minute, true, r.nextDouble() < 0.02, device, 100.0 + i % 50, 60_000));
      long t = 600 * minute + i * minute;
      boolean incident = i >= 300 && i < 360;
      after.add(Attempts.of(t, true, r.nextDouble() < (incident ? 0.6 : 0.02), device,
          incident ? 2_000.0 : 100.0 + i % 50, 60_000));
    }
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    List<Dimension> dims = Dimension.all(both);
    Drivers.Analysis a = Drivers.analyse(Kpi.ERROR_RATE, before, after, dims, 30).withChangeStarts(3, dims);
    Driver top = a.rows().get(0);
    assertThat(top.changeStart()).isBetween(900 * minute, 910 * minute);
    long deploy = 900 * minute - 4 * minute;
    List<io.uxlens.model.Annotation> notes = List.of(
        new io.uxlens.model.Annotation("n", deploy - 60 * minute, null, "Note", "", "[\"note\"]", "api"),
        new io.uxlens.model.Annotation("d", deploy, null, "Deploy checkout-api 2.5.0", "", "[\"deploy\"]", "api"),
        new io.uxlens.model.Annotation("i", deploy, deploy + 60 * minute, "Incident", "", "[\"incident\"]", "api"));
    Alignment.Aligned aligned = Alignment.nearest(notes, top.changeStart(), 2 * 60 * minute).orElseThrow();
    assertThat(aligned.annotation().id()).isEqualTo("d");
    assertThat(DriverSentence.of(Kpi.ERROR_RATE, top, a.decomposed().change(), aligned))
        .contains("of the rise").contains("min after Deploy checkout-api 2.5.0");
    assertThat(Alignment.nearest(notes, top.changeStart(), minute)).isEmpty();
  }

  /**
   * The same rows in either order. By |contribution| the rows are sorted by it alone, and there the segment holding
   * most attempts outranks the broken version, since it carries its share of the drop: why excess is the default.
   */
  @Test
  void rankingByContributionSortsTheSameRowsByTheirAbsoluteContribution() {
    SplittableRandom r = new SplittableRandom(11);
    List<Attempt> before = window(r, 0, 3000, null, 0);
    List<Attempt> after = brokenInside(r, "2.4.0");
    List<Attempt> both = new ArrayList<>(before);
    both.addAll(after);
    List<Dimension> dims = Dimension.all(both);
    Drivers.Analysis byExcess = Drivers.analyse(Kpi.COMPLETION_RATE, before, after, dims, 30);
    Drivers.Analysis byContribution = Drivers.analyse(Kpi.COMPLETION_RATE, before, after, dims, 30,
        Drivers.Ranking.CONTRIBUTION);
    assertThat(byContribution.rows()).containsExactlyInAnyOrderElementsOf(byExcess.rows());
    List<Double> magnitudes = byContribution.rows().stream().map(d -> Math.abs(d.contribution())).toList();
    assertThat(magnitudes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    Driver planted = byExcess.rows().get(0);
    assertThat(planted.dimension() + "=" + planted.segment()).isEqualTo("app_version=2.4.0");
    Driver biggest = byContribution.rows().get(0);
    assertThat(Math.abs(biggest.contribution())).isGreaterThan(Math.abs(planted.contribution()));
    assertThat(byContribution.rows().indexOf(planted)).isPositive();
  }
}
