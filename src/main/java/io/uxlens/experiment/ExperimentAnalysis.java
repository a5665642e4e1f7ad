package io.uxlens.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares every variant of an experiment with its control on the experiment's metric (method: docs/DESIGN.md
 * "Statistics"). Pure: definitions and summary data in, serialisable records out; never NaN.
 */
public final class ExperimentAnalysis {
  private ExperimentAnalysis() {}

  public static ExperimentResult analyze(ExperimentDefinition def, Map<String, VariantData> data) {
    return analyze(def, data, AnalysisSettings.DEFAULT);
  }

  /**
   * The results table: one row per declared variant (control first), with lifts against control, Holm-adjusted
   * fixed-horizon p-values, always-valid (mSPRT) p-values, the experiment's sample-ratio check against the
   * declared weights and the units still needed for the minimum detectable effect. Variants missing from
   * {@code data} count as exposed to nobody.
   */
  public static ExperimentResult analyze(ExperimentDefinition def, Map<String, VariantData> data,
                                         AnalysisSettings settings) {
    ExperimentKpi metric = def.metric();
    VariantData empty = VariantData.exposedOnly(0);
    List<String> unexpected = data.keySet().stream().filter(v -> def.variant(v).isEmpty()).sorted().toList();

    // Sample-ratio mismatch over the variants meant to get traffic.
    List<Variant> weighted = def.variants().stream().filter(v -> v.weight() > 0).toList();
    Inference.ChiSquare srmTest = null;
    if (weighted.size() >= 2) {
      long[] units = weighted.stream().mapToLong(v -> data.getOrDefault(v.id(), empty).units()).toArray();
      double[] weights = weighted.stream().mapToDouble(Variant::weight).toArray();
      if (java.util.Arrays.stream(units).sum() > 0) {
        srmTest = Inference.chiSquareGoodnessOfFit(units, weights);
      }
    }
    boolean srm = srmTest != null && srmTest.pValue() < settings.srmThreshold();

    VariantData control = data.getOrDefault(def.control(), empty);
    List<Variant> ordered = new ArrayList<>(def.variants());
    ordered.sort(Comparator.comparing((Variant v) -> !v.id().equals(def.control())));
    List<String> withData = ordered.stream()
        .filter(v -> data.getOrDefault(v.id(), empty).comparable(metric)).map(Variant::id).toList();
    boolean enough = control.comparable(metric) && withData.size() >= 2;

    Map<String, Comparison> comparisons = new HashMap<>();
    Map<String, Double> alwaysValid = new HashMap<>();
    Double tau2 = null;
    if (enough) {
      tau2 = settings.tau2For(def, control.value(metric));
      for (String v : withData) {
        if (!v.equals(def.control())) {
          Comparison c = compare(metric, control, data.get(v), 1 - settings.alpha());
          comparisons.put(v, c);
          alwaysValid.put(v, SequentialTest.pValue(c.absolute(), c.variance(), tau2));
        }
      }
    }
    List<String> compared = withData.stream().filter(comparisons::containsKey).toList();
    double[] holm = Inference.holm(compared.stream().mapToDouble(v -> comparisons.get(v).pValue()).toArray());
    double[] holmAv = Inference.holm(compared.stream().mapToDouble(alwaysValid::get).toArray());

    List<VariantResult> rows = new ArrayList<>();
    for (Variant v : ordered) {
      VariantData d = data.getOrDefault(v.id(), empty);
      boolean isControl = v.id().equals(def.control());
      int k = compared.indexOf(v.id());
      Comparison c = comparisons.get(v.id());
      Double adj = k >= 0 ? holm[k] : null;
      Boolean significant = adj == null ? null : adj < settings.alpha();
      String direction = null;
      if (Boolean.TRUE.equals(significant)) {
        boolean up = c.absolute() > 0;
        direction = up != metric.lowerIsBetter() ? "better" : "worse";
      }
      double[] need = c == null ? null : sampleSize(def, control, d, settings);
      String note = null;
      if (!d.comparable(metric)) {
        note = metric.isRate() ? "no finished attempts yet" : "fewer than two timed completed attempts";
      } else if (!enough) {
        note = "not compared: " + message(def, control, withData, metric);
      }
      rows.add(new VariantResult(v.id(), isControl, v.weight(), d.units(), d.attempts(), d.finished(),
          metric.isRate() ? d.count(metric) : null, d.value(metric),
          d.value(ExperimentKpi.COMPLETION_RATE), d.value(ExperimentKpi.ABANDONMENT_RATE),
          d.value(ExperimentKpi.ERROR_RATE),
          d.time() == null ? null : d.time().mean(), d.time() == null ? null : d.time().p50(),
          c == null ? null : c.absolute(), c == null ? null : c.absoluteLow(), c == null ? null : c.absoluteHigh(),
          c == null ? null : c.relative(), c == null ? null : c.relativeLow(), c == null ? null : c.relativeHigh(),
          c == null ? null : c.pValue(), adj, alwaysValid.get(v.id()), significant,
          k >= 0 ? holmAv[k] < settings.alpha() : null, direction, srm,
          need == null || Double.isNaN(need[0]) ? null : need[0],
          need == null || Double.isNaN(need[1]) ? null : (long) need[1], note));
    }
    return new ExperimentResult(def.id(), def.journey(), metric.wireName(), def.control(), def.discovered(),
        enough ? ExperimentResult.OK : ExperimentResult.INSUFFICIENT_DATA,
        enough ? null : message(def, control, withData, metric), settings.alpha(), tau2,
        srmTest == null ? null : srmTest.statistic(), srmTest == null ? null : srmTest.pValue(), srm,
        unexpected, rows);
  }

  /**
   * Cumulative lift of each variant over control, one point per day and variant where both have data. The
   * mixing variance is fixed for the whole series (settings, else derived from the first day the control has
   * data) so the running-minimum always-valid p-value keeps its guarantee. Days are taken in date order.
   */
  public static List<LiftPoint> liftOverTime(ExperimentDefinition def, List<DailySnapshot> days,
                                             AnalysisSettings settings) {
    ExperimentKpi metric = def.metric();
    List<DailySnapshot> sorted = days.stream().sorted(Comparator.comparing(DailySnapshot::day)).toList();
    Map<String, Double> running = new HashMap<>();
    Double tau2 = settings.tau2();
    List<LiftPoint> out = new ArrayList<>();
    for (DailySnapshot day : sorted) {
      VariantData control = day.cumulative().get(def.control());
      if (control == null || !control.comparable(metric)) {
        continue;
      }
      if (tau2 == null) {
        tau2 = settings.tau2For(def, control.value(metric));
      }
      for (Variant v : def.variants()) {
        VariantData d = day.cumulative().get(v.id());
        if (v.id().equals(def.control()) || d == null || !d.comparable(metric)) {
          continue;
        }
        Comparison c = compare(metric, control, d, 1 - settings.alpha());
        double av = Math.min(running.getOrDefault(v.id(), 1.0),
            SequentialTest.pValue(c.absolute(), c.variance(), tau2));
        running.put(v.id(), av);
        double half = SequentialTest.halfWidth(c.variance(), tau2, settings.alpha());
        out.add(new LiftPoint(day.day(), v.id(), d.units(), control.units(), d.value(metric),
            control.value(metric), c.absolute(), c.absoluteLow(), c.absoluteHigh(), c.relative(), c.relativeLow(),
            c.relativeHigh(), c.pValue(), av, c.absolute() - half, c.absolute() + half));
      }
    }
    return out;
  }

  /** Variant against control on the metric: two-proportion z for rates, Welch t for time on task. */
  static Comparison compare(ExperimentKpi metric, VariantData control, VariantData variant, double confidence) {
    if (metric.isRate()) {
      return Inference.twoProportions(control.count(metric), control.finished(), variant.count(metric),
          variant.finished(), confidence);
    }
    TimeStats a = control.time();
    TimeStats b = variant.time();
    return Inference.welch(a.count(), a.mean(), a.variance(), b.count(), b.mean(), b.variance(), confidence);
  }

  /**
   * {per-arm sample size in observations, more units needed} for the declared MDE, NaN where unknown. Rates:
   * from the control rate towards the metric's better side (the other side if that leaves (0, 1)). Units
   * needed converts observations to units with each arm's own observations per unit, and takes the larger gap.
   */
  private static double[] sampleSize(ExperimentDefinition def, VariantData control, VariantData variant,
                                     AnalysisSettings s) {
    ExperimentKpi metric = def.metric();
    double[] none = {Double.NaN, Double.NaN};
    double baseline = control.value(metric);
    Double d = def.mde() == null ? null : def.mde().absoluteAt(baseline);
    if (d == null) {
      return none;
    }
    double n;
    if (metric.isRate()) {
      if (!(baseline > 0 && baseline < 1)) {
        return none;
      }
      double target = metric.lowerIsBetter() ? baseline - d : baseline + d;
      if (!(target > 0 && target < 1)) {
        target = metric.lowerIsBetter() ? baseline + d : baseline - d;
      }
      if (!(target > 0 && target < 1)) {
        return none;
      }
      n = Inference.sampleSizeTwoProportions(baseline, target, s.alpha(), s.power());
    } else {
      n = Inference.sampleSizeMeans(d, control.time().sd(), variant.time().sd(), s.alpha(), s.power());
    }
    double gap = 0;
    for (VariantData arm : List.of(control, variant)) {
      long obs = arm.observations(metric);
      if (arm.units() == 0 || obs == 0) {
        return new double[] {n, Double.NaN};
      }
      double perUnit = (double) obs / arm.units();
      gap = Math.max(gap, Math.ceil(n / perUnit) - arm.units());
    }
    return new double[] {n, gap};
  }

  private static String message(ExperimentDefinition def, VariantData control, List<String> withData,
                                ExperimentKpi metric) {
    String what = metric.isRate() ? "finished attempts" : "at least two timed completed attempts";
    String have = withData.isEmpty() ? "none has " + what : "only " + new TreeSet<>(withData) + " has " + what;
    if (!control.comparable(metric)) {
      have = "control '" + def.control() + "' has no " + what
          + (withData.isEmpty() ? "" : "; variants with data: " + new TreeSet<>(withData));
    }
    return "fewer than two variants with data to compare (need control and at least one other): " + have;
  }
}
