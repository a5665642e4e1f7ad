package io.uxlens.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results table end to end. Reference numbers: SciPy 1.17.1 / NumPy evaluations noted per value. */
class ExperimentAnalysisTest {
  private static final ExperimentDefinition PROGRESS_BAR = new ExperimentDefinition("import-progress-bar",
      "import", ExperimentKpi.ABANDONMENT_RATE, List.of(new Variant("A", 50), new Variant("B", 50)), "A",
      MinimumDetectableEffect.relative(0.10), null, null, false);

  /** units, finished attempts split into completed/abandoned, a few errors, some in-progress attempts. */
  private static VariantData rates(long units, long abandoned) {
    return new VariantData(units, units + 40, units - abandoned, abandoned, abandoned / 3, TimeStats.of(60, 90, 75));
  }

  @Test
  void variantBLowersAbandonmentWithItsIntervalAndPValues() {
    ExperimentResult r = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("A", rates(2000, 300), "B",
        rates(2000, 255)));
    assertThat(r.status()).isEqualTo(ExperimentResult.OK);
    assertThat(r.message()).isNull();
    assertThat(r.srm()).isFalse();
    assertThat(r.srmPValue()).isEqualTo(1.0);
    assertThat(r.rows()).extracting(VariantResult::variant).containsExactly("A", "B");
    VariantResult a = r.rows().get(0);
    assertThat(a.control()).isTrue();
    assertThat(a.value()).isCloseTo(0.15, within(1e-12));
    assertThat(a.liftAbsolute()).isNull();
    assertThat(a.pValue()).isNull();
    VariantResult b = r.rows().get(1);
    assertThat(b.units()).isEqualTo(2000);
    assertThat(b.attempts()).isEqualTo(2040);
    assertThat(b.finished()).isEqualTo(2000);
    assertThat(b.successes()).isEqualTo(255);
    assertThat(b.abandonmentRate()).isCloseTo(0.1275, within(1e-12));
    assertThat(b.completionRate()).isCloseTo(0.8725, within(1e-12));
    assertThat(b.errorRate()).isCloseTo(85 / 2000.0, within(1e-12));
    assertThat(b.meanTime()).isCloseTo(75, within(1e-12));
    assertThat(b.p50Time()).isCloseTo(75, within(1e-12));
    // Same numbers as InferenceTest.twoProportionsDecreaseAsForLowerAbandonment (SciPy).
    assertThat(b.liftAbsolute()).isCloseTo(-0.0225, within(1e-12));
    assertThat(b.ciLow()).isCloseTo(-0.04391406412060883, within(1e-9));
    assertThat(b.ciHigh()).isCloseTo(-0.0010859358793911568, within(1e-9));
    assertThat(b.liftRelative()).isCloseTo(-0.15, within(1e-12));
    assertThat(b.pValue()).isCloseTo(0.0394601107730686, within(1e-9));
    assertThat(b.adjustedPValue()).isEqualTo(b.pValue()); // one comparison: Holm changes nothing
    assertThat(b.significant()).isTrue();
    assertThat(b.direction()).isEqualTo("better"); // lower abandonment is better
    // mSPRT with tau = 10% of 0.15 (the declared relative MDE): NumPy 1/Lambda = 0.4249850775870915.
    assertThat(r.tau2()).isCloseTo(0.015 * 0.015, within(1e-15));
    assertThat(b.alwaysValidPValue()).isCloseTo(0.4249850775870915, within(1e-9));
    assertThat(b.significantAlwaysValid()).isFalse();
    // MDE 10% of 0.15 -> 0.135: SciPy power.prop.test closed form 8524.0125 per arm; 1 finished attempt per
    // unit, 2000 units so far: 8525 - 2000 = 6525 more.
    assertThat(b.sampleSizePerArm()).isCloseTo(8524.012506382107, within(1e-6));
    assertThat(b.unitsNeeded()).isEqualTo(6525L);
  }

  @Test
  void holmAdjustsAcrossVariants() {
    ExperimentDefinition abn = new ExperimentDefinition("abn", "import", ExperimentKpi.ABANDONMENT_RATE,
        List.of(new Variant("A", 1), new Variant("B", 1), new Variant("C", 1)), "A", null, null, null, false);
    ExperimentResult r = ExperimentAnalysis.analyze(abn, Map.of("A", rates(2000, 300), "B", rates(2000, 255),
        "C", rates(2000, 290)));
    VariantResult b = r.rows().get(1);
    VariantResult c = r.rows().get(2);
    // Raw (SciPy): B 0.0394601108, C 0.6556693922. Holm: B 2 * 0.0394601108 = 0.0789202215, C max(0.6556..,
    // 0.0789..) = 0.6556693922: B no longer significant at 0.05.
    assertThat(b.pValue()).isCloseTo(0.0394601107730686, within(1e-9));
    assertThat(c.pValue()).isCloseTo(0.6556693922117561, within(1e-9));
    assertThat(b.adjustedPValue()).isCloseTo(0.0789202215461372, within(1e-9));
    assertThat(c.adjustedPValue()).isCloseTo(0.6556693922117561, within(1e-9));
    assertThat(b.significant()).isFalse();
    assertThat(b.direction()).isNull();
    assertThat(b.unitsNeeded()).isNull(); // no MDE declared
  }

  @Test
  void fewerThanTwoVariantsWithDataSaysSoWithoutNaN() throws Exception {
    ExperimentResult onlyControl = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("A", rates(500, 50),
        "B", VariantData.exposedOnly(480)));
    assertThat(onlyControl.status()).isEqualTo(ExperimentResult.INSUFFICIENT_DATA);
    assertThat(onlyControl.message()).isEqualTo("fewer than two variants with data to compare (need control and "
        + "at least one other): only [A] has finished attempts");
    assertThat(onlyControl.rows().get(1).note()).isEqualTo("no finished attempts yet");
    assertThat(onlyControl.rows().get(1).value()).isNull();
    assertThat(onlyControl.rows().get(0).note()).startsWith("not compared: ");
    assertThat(onlyControl.srmPValue()).isNotNull(); // exposures alone still allow the SRM check

    ExperimentResult noControl = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("B", rates(500, 50)));
    assertThat(noControl.status()).isEqualTo(ExperimentResult.INSUFFICIENT_DATA);
    assertThat(noControl.message()).endsWith("control 'A' has no finished attempts; variants with data: [B]");

    ExperimentResult nothing = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of());
    assertThat(nothing.srmPValue()).isNull();
    assertThat(nothing.rows()).hasSize(2);
    for (ExperimentResult r : List.of(onlyControl, noControl, nothing)) {
      String json = Json.write(r);
      assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
      assertThat(Json.MAPPER.readTree(json).get("rows").get(1).get("pValue").isNull()).isTrue();
    }
  }

  @Test
  void edgeCasesNeverThrowNorPrintNaN() {
    // Zero and extreme counts, zero-variance times, one-variant discoveries, across every metric and MDE kind.
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    ExperimentCatalog none = ExperimentCatalog.empty();
    for (int i = 0; i < 3000; i++) {
      ExperimentKpi metric = ExperimentKpi.values()[random.nextInt(4)];
      MinimumDetectableEffect mde = switch (random.nextInt(3)) {
        case 0 -> null;
        case 1 -> MinimumDetectableEffect.relative(0.1);
        default -> MinimumDetectableEffect.absolute(metric.isRate() ? 0.05 : 2);
      };
      ExperimentDefinition def = new ExperimentDefinition("e", "j", metric,
          List.of(new Variant("A", random.nextInt(3)), new Variant("B", 1), new Variant("C", 1)), "A", mde,
          null, null, false);
      Map<String, VariantData> data = new java.util.HashMap<>();
      for (String v : List.of("A", "B", "C")) {
        if (random.nextInt(5) == 0) {
          continue;
        }
        int finished = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
        int completed = random.nextInt(finished + 1);
        int errored = random.nextInt(finished + 1);
        int timed = random.nextInt(completed + 1);
        double[] times = new double[timed];
        java.util.Arrays.fill(times, random.nextBoolean() ? 0 : 12);
        if (timed > 1 && random.nextBoolean()) {
          times[0] = 40;
        }
        data.put(v, new VariantData(random.nextInt(40), finished + random.nextInt(3), completed,
            finished - completed, errored, TimeStats.of(times)));
      }
      for (ExperimentResult r : List.of(ExperimentAnalysis.analyze(def, data),
          ExperimentAnalysis.analyze(none.resolve("d", List.of("A")), data))) {
        String json = Json.write(r);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(r.status().equals(ExperimentResult.OK)).isEqualTo(r.message() == null);
      }
    }
  }

  @Test
  void sampleRatioMismatchIsFlaggedOnEveryRow() {
    // 52/48 of 20,000 on a 50/50 design: chi-square 32, p 1.54e-8 < 0.001 (SciPy chisquare).
    ExperimentResult r = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("A", rates(10400, 1500),
        "B", rates(9600, 1400)));
    assertThat(r.srmChiSquare()).isCloseTo(32.0, within(1e-9));
    assertThat(r.srm()).isTrue();
    assertThat(r.rows()).allMatch(VariantResult::srm);
    ExperimentResult ok = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("A", rates(10060, 1500),
        "B", rates(9940, 1400)));
    assertThat(ok.srmPValue()).isCloseTo(0.3961439091520741, within(1e-9));
    assertThat(ok.srm()).isFalse();
  }

  @Test
  void timeOnTaskUsesWelch() {
    ExperimentDefinition def = new ExperimentDefinition("faster", "import", ExperimentKpi.TIME_ON_TASK,
        List.of(new Variant("control", 1), new Variant("new", 1)), "control", MinimumDetectableEffect.absolute(1),
        null, null, false);
    // R's sleep data shifted by +10 s (a shift leaves Welch's t unchanged): t.test gives p = 0.07939,
    // CI -3.3654832 0.2054832 for new - control.
    TimeStats control = TimeStats.of(11.9, 10.8, 11.1, 10.1, 9.9, 14.4, 15.5, 11.6, 14.6, 13.4);
    TimeStats variant = TimeStats.of(10.7, 8.4, 9.8, 8.8, 9.9, 13.4, 13.7, 10.8, 10.0, 12.0);
    ExperimentResult r = ExperimentAnalysis.analyze(def, Map.of(
        "control", new VariantData(10, 12, 10, 2, 0, control), "new", new VariantData(10, 11, 10, 1, 0, variant)));
    VariantResult row = r.rows().get(1);
    assertThat(row.value()).isCloseTo(10.75, within(1e-12));
    assertThat(row.liftAbsolute()).isCloseTo(-1.58, within(1e-9));
    assertThat(row.ciLow()).isCloseTo(-3.3654832, within(1e-6));
    assertThat(row.ciHigh()).isCloseTo(0.2054832, within(1e-6));
    assertThat(row.pValue()).isCloseTo(0.07939, within(1e-5));
    assertThat(row.successes()).isNull();
    assertThat(row.sampleSizePerArm()).isPositive();
    assertThat(row.unitsNeeded()).isPositive();
  }

  @Test
  void unexpectedVariantsAreReportedAndLeftOut() {
    ExperimentResult r = ExperimentAnalysis.analyze(PROGRESS_BAR, Map.of("A", rates(100, 10), "B", rates(100, 12),
        "Z", rates(5, 1)));
    assertThat(r.unexpectedVariants()).containsExactly("Z");
    assertThat(r.rows()).extracting(VariantResult::variant).containsExactly("A", "B");
  }

  @Test
  void cumulativeLiftOverTimeHasRunningAlwaysValidPValue() {
    LocalDate d1 = LocalDate.of(2026, 11, 1);
    List<DailySnapshot> days = List.of(
        new DailySnapshot(d1.plusDays(2), Map.of("A", rates(2000, 300), "B", rates(2000, 255))),
        new DailySnapshot(d1, Map.of("B", rates(50, 5))), // no control data yet: no point
        new DailySnapshot(d1.plusDays(1), Map.of("A", rates(1000, 150), "B", rates(1000, 100))));
    List<LiftPoint> points = ExperimentAnalysis.liftOverTime(PROGRESS_BAR, days, AnalysisSettings.DEFAULT);
    assertThat(points).extracting(LiftPoint::day).containsExactly(d1.plusDays(1), d1.plusDays(2));
    LiftPoint first = points.get(0);
    LiftPoint last = points.get(1);
    assertThat(last.liftAbsolute()).isCloseTo(-0.0225, within(1e-12));
    assertThat(last.pValue()).isCloseTo(0.0394601107730686, within(1e-9));
    // Day 2's big early gap (0.10 vs 0.15) gave a smaller always-valid p than day 3's data alone: it is kept.
    double day3Alone = SequentialTest.pValue(-0.0225, 0.15 * 0.85 / 2000 + 0.1275 * 0.8725 / 2000, 0.015 * 0.015);
    assertThat(first.alwaysValidPValue()).isLessThan(day3Alone);
    assertThat(last.alwaysValidPValue()).isEqualTo(first.alwaysValidPValue());
    assertThat(last.alwaysValidLow()).isLessThan(last.ciLow());
    assertThat(last.alwaysValidHigh()).isGreaterThan(last.ciHigh());
  }
}
