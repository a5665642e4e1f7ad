package io.uxlens.query.experiment;

import io.uxlens.experiment.ExperimentAnalysis;
import io.uxlens.experiment.ExperimentData;
import io.uxlens.experiment.ExperimentResult;
import io.uxlens.experiment.VariantData;
import io.uxlens.experiment.VariantResult;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.FieldType;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The results table of one experiment as of the range end, from its start (or first exposure): one row per
 * variant, control first, with the experiment's metric, lifts against control with 95% intervals, fixed-horizon
 * and Holm-adjusted p-values, the always-valid (mSPRT) p-value, the sample-ratio check and the units still needed
 * for the declared minimum detectable effect (method: docs/DESIGN.md "Statistics (experiments)"). Numbers that do not apply are
 * null, never NaN; {@code status} is {@code ok} or {@code insufficient_data} (fewer than two variants with data),
 * and {@code note} says why a number is missing.
 */
public final class ExperimentResults implements Metric {
  static final String NO_EXPERIMENTS = "no_experiments";
  private final ExperimentInputs inputs;

  public ExperimentResults(ExperimentInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public String id() {
    return "experiment.results";
  }

  @Override
  public String description() {
    return "Experiment results table: per variant units, attempts, rate, lift against control with 95% CI,"
        + " p-value, Holm-adjusted p-value, always-valid p-value, significance, SRM flag and units still needed";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(inputs.experimentOption(), inputs.journeyOption(), ExperimentInputs.attemptsOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.label("experiment", "experiment id"),
        RowColumn.label("variant", "variant id (empty when there is no experiment at all)"),
        new RowColumn("control", RowColumn.Type.BOOLEAN, "true for the control variant"),
        RowColumn.label("metric", "completion_rate, abandonment_rate, error_rate or time_on_task"),
        RowColumn.label("journey", "journey measured (empty when none)"),
        RowColumn.number("units", "exposed units assigned to the variant (first exposure wins)"),
        RowColumn.number("attempts", "attempts after exposure (see the attempts option), in progress included"),
        RowColumn.number("finished", "completed + abandoned attempts: the rates' denominator"),
        RowColumn.number("rate", "the metric: a rate 0..1, or mean seconds for time_on_task").orNull(),
        RowColumn.number("lift", "variant - control, in the metric's unit").orNull(),
        RowColumn.number("ci_low", "95% CI of the lift, low").orNull(),
        RowColumn.number("ci_high", "95% CI of the lift, high").orNull(),
        RowColumn.number("relative_lift", "variant / control - 1").orNull(),
        RowColumn.number("relative_ci_low", "95% CI of the relative lift (delta method), low").orNull(),
        RowColumn.number("relative_ci_high", "95% CI of the relative lift (delta method), high").orNull(),
        RowColumn.number("p_value", "two-sided fixed-horizon p-value").orNull(),
        RowColumn.number("adjusted_p_value", "Holm-adjusted across variants").orNull(),
        RowColumn.number("always_valid_p_value", "mSPRT p-value, safe to check daily").orNull(),
        new RowColumn("significant", RowColumn.Type.BOOLEAN, "adjusted p < 0.05").orNull(),
        new RowColumn("significant_always_valid", RowColumn.Type.BOOLEAN, "always-valid p < 0.05").orNull(),
        RowColumn.label("direction", "better or worse by the metric's sense when significant, else empty"),
        new RowColumn("srm", RowColumn.Type.BOOLEAN, "sample-ratio mismatch: chi-square p < 0.001"),
        RowColumn.number("srm_p_value", "chi-square p-value of units against the declared weights").orNull(),
        RowColumn.number("units_needed", "more units needed for the minimum detectable effect at 80% power")
            .orNull(),
        RowColumn.number("crossovers", "units of the experiment seen in more than one variant"),
        RowColumn.label("status", "ok, insufficient_data or no_experiments"),
        RowColumn.label("note", "why numbers are missing, or how the journey was chosen; may be empty"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    Optional<ExperimentInputs.Selection> chosen = inputs.select(q);
    if (chosen.isEmpty()) {
      return List.of(table("", List.of(), null, NO_EXPERIMENTS,
          List.of("no experiments declared (--experiments) or seen in exposures yet"), 0, "", ""));
    }
    ExperimentInputs.Selection s = chosen.get();
    Map<String, VariantData> data = ExperimentData.collect(s.definition(), s.assignments(), s.attempts(),
        s.firstAttemptOnly(), s.untilMs());
    ExperimentResult r = ExperimentAnalysis.analyze(s.definition(), data);
    List<String> shared = new ArrayList<>();
    if (s.journeyNote() != null) {
      shared.add(s.journeyNote());
    }
    if (!r.unexpectedVariants().isEmpty()) {
      shared.add("seen but not declared, left out: " + String.join(", ", r.unexpectedVariants()));
    }
    List<String> notes = new ArrayList<>();
    for (VariantResult v : r.rows()) {
      // the analysis words a row's own gap; a row it had nothing to say about still shows why nothing compares
      List<String> parts = new ArrayList<>();
      if (v.note() != null) {
        parts.add(v.note());
      } else if (r.message() != null) {
        parts.add(r.message());
      }
      parts.addAll(shared);
      notes.add(String.join("; ", parts));
    }
    return List.of(table(r.experiment(), r.rows(), r.srmPValue(), r.status(), notes, s.crossovers(), r.metric(),
        s.journey() == null ? "" : s.journey()));
  }

  private DataFrame table(String experiment, List<VariantResult> rows, Double srmP, String status,
                          List<String> notes, long crossovers, String metric, String journey) {
    List<VariantResult> rs = rows.isEmpty() ? null : rows;
    int n = rs == null ? 1 : rs.size();
    String unit = metric.equals("time_on_task") ? "s" : "percentunit";
    List<Field> f = new ArrayList<>();
    f.add(Field.string("experiment", repeat(experiment, n)));
    f.add(Field.string("variant", col(rs, VariantResult::variant, "")));
    f.add(bool("control", col(rs, VariantResult::control, false)));
    f.add(Field.string("metric", repeat(metric, n)));
    f.add(Field.string("journey", repeat(journey, n)));
    f.add(num("units", col(rs, VariantResult::units, 0L), "none"));
    f.add(num("attempts", col(rs, VariantResult::attempts, 0L), "none"));
    f.add(num("finished", col(rs, VariantResult::finished, 0L), "none"));
    f.add(num("rate", col(rs, VariantResult::value, null), unit));
    f.add(num("lift", col(rs, VariantResult::liftAbsolute, null), unit));
    f.add(num("ci_low", col(rs, VariantResult::ciLow, null), unit));
    f.add(num("ci_high", col(rs, VariantResult::ciHigh, null), unit));
    f.add(num("relative_lift", col(rs, VariantResult::liftRelative, null), "percentunit"));
    f.add(num("relative_ci_low", col(rs, VariantResult::relativeCiLow, null), "percentunit"));
    f.add(num("relative_ci_high", col(rs, VariantResult::relativeCiHigh, null), "percentunit"));
    f.add(num("p_value", col(rs, VariantResult::pValue, null), "none"));
    f.add(num("adjusted_p_value", col(rs, VariantResult::adjustedPValue, null), "none"));
    f.add(num("always_valid_p_value", col(rs, VariantResult::alwaysValidPValue, null), "none"));
    f.add(bool("significant", col(rs, VariantResult::significant, null)));
    f.add(bool("significant_always_valid", col(rs, VariantResult::significantAlwaysValid, null)));
    f.add(Field.string("direction", col(rs, v -> v.direction() == null ? "" : v.direction(), "")));
    f.add(bool("srm", col(rs, VariantResult::srm, false)));
    f.add(num("srm_p_value", repeat(srmP, n), "none"));
    f.add(num("units_needed", col(rs, VariantResult::unitsNeeded, null), "none"));
    f.add(num("crossovers", repeat(crossovers, n), "none"));
    f.add(Field.string("status", repeat(status, n)));
    f.add(Field.string("note", notes));
    return new DataFrame(experiment.isEmpty() ? id() : id() + " " + experiment, null, f);
  }

  private static <T> List<T> col(List<VariantResult> rows, Function<VariantResult, T> get, T none) {
    if (rows == null) {
      List<T> one = new ArrayList<>();
      one.add(none);
      return one;
    }
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(get.apply(r)));
    return out;
  }

  private static <T> List<T> repeat(T value, int n) {
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value);
    }
    return out;
  }

  private static Field num(String name, List<? extends Number> values, String unit) {
    return Field.number(name, values, null, FieldConfig.unit(unit));
  }

  private static Field bool(String name, List<Boolean> values) {
    return new Field(name, FieldType.BOOLEAN, new ArrayList<>(values), null, null);
  }
}
