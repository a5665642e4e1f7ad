package io.uxlens.query.experiment;

import io.uxlens.experiment.AnalysisSettings;
import io.uxlens.experiment.DailySnapshot;
import io.uxlens.experiment.ExperimentAnalysis;
import io.uxlens.experiment.LiftPoint;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cumulative lift of each variant over control, one point per UTC day (time = the day's start; the point holds
 * everything up to that day's end, or the range end if sooner): the lift with its fixed-horizon 95% interval
 * ({@code ci_low}/{@code ci_high}, valid for one pre-planned look) and, on the absolute scale, the always-valid
 * interval ({@code av_low}/{@code av_high}, safe to watch daily). Days are looks: the always-valid p-value is the
 * running minimum over them. Points are shown for days overlapping the range; the data always starts at the
 * experiment's start.
 */
public final class ExperimentLift implements Metric {
  private static final long DAY = 86_400_000L;
  private final ExperimentInputs inputs;

  public ExperimentLift(ExperimentInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public String id() {
    return "experiment.lift";
  }

  @Override
  public String description() {
    return "Cumulative lift of each variant over control per day, with 95% CI band and always-valid band";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(inputs.experimentOption(), inputs.journeyOption(), ExperimentInputs.attemptsOption(),
        PayloadOption.select("scale", "Scale", OptionSource.fixed("absolute", "relative"),
            "absolute: variant - control in the metric's unit; relative: variant / control - 1")
            .withDefaults("absolute"));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("experiment", "experiment id"),
        RowColumn.label("variant", "variant compared with control"),
        RowColumn.number("value", "cumulative lift at the day's end"),
        RowColumn.number("ci_low", "95% CI low (fixed horizon)"),
        RowColumn.number("ci_high", "95% CI high (fixed horizon)"),
        RowColumn.number("av_low", "always-valid 95% CI low (absolute scale only)").orNull(),
        RowColumn.number("av_high", "always-valid 95% CI high (absolute scale only)").orNull(),
        RowColumn.number("p_value", "fixed-horizon p-value"),
        RowColumn.number("always_valid_p_value", "always-valid p-value (running minimum over days)"),
        RowColumn.number("units", "units of the variant so far"),
        RowColumn.number("control_units", "units of control so far"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    Optional<ExperimentInputs.Selection> chosen = inputs.select(q);
    if (chosen.isEmpty()) {
      return List.of();
    }
    ExperimentInputs.Selection s = chosen.get();
    List<DailySnapshot> days = inputs.daily(s);
    List<LiftPoint> points = ExperimentAnalysis.liftOverTime(s.definition(), days, AnalysisSettings.DEFAULT);
    boolean relative = "relative".equals(q.payload().first("scale").orElse("absolute"));
    String unit = relative || s.definition().metric().isRate() ? "percentunit" : "s";
    Map<String, List<LiftPoint>> byVariant = new TreeMap<>();
    for (LiftPoint p : points) {
      long start = p.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      boolean shown = start < q.range().toMs() && start + DAY > q.range().fromMs();
      if (shown && (!relative || p.liftRelative() != null)) {
        byVariant.computeIfAbsent(p.variant(), v -> new ArrayList<>()).add(p);
      }
    }
    String control = s.definition().control();
    List<DataFrame> frames = new ArrayList<>();
    byVariant.forEach((variant, ps) -> {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("experiment", s.definition().id());
      labels.put("variant", variant);
      String name = variant + " vs " + control;
      List<Field> f = new ArrayList<>();
      f.add(Field.time("time", map(ps, p -> p.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())));
      f.add(Field.number("value", map(ps, p -> relative ? p.liftRelative() : p.liftAbsolute()), labels,
          FieldConfig.unit(unit).withDisplayName(name)));
      f.add(band("ci_low", map(ps, p -> relative ? p.relativeCiLow() : p.ciLow()), labels, unit, name + " CI low"));
      f.add(band("ci_high", map(ps, p -> relative ? p.relativeCiHigh() : p.ciHigh()), labels, unit,
          name + " CI high"));
      f.add(band("av_low", map(ps, p -> relative ? null : p.alwaysValidLow()), labels, unit,
          name + " always-valid low"));
      f.add(band("av_high", map(ps, p -> relative ? null : p.alwaysValidHigh()), labels, unit,
          name + " always-valid high"));
      f.add(hidden("p_value", map(ps, LiftPoint::pValue), labels));
      f.add(hidden("always_valid_p_value", map(ps, LiftPoint::alwaysValidPValue), labels));
      f.add(hidden("units", map(ps, LiftPoint::units), labels));
      f.add(hidden("control_units", map(ps, LiftPoint::controlUnits), labels));
      frames.add(new DataFrame(id() + " " + s.definition().id() + " " + name, null, f));
    });
    return frames;
  }

  private static Field band(String name, List<? extends Number> values, Map<String, String> labels, String unit,
                            String display) {
    return Field.number(name, values, labels, FieldConfig.unit(unit).withDisplayName(display));
  }

  private static Field hidden(String name, List<? extends Number> values, Map<String, String> labels) {
    return Field.number(name, values, labels, FieldConfig.unit("none").hidden());
  }

  private static <T> List<T> map(List<LiftPoint> ps, Function<LiftPoint, T> f) {
    List<T> out = new ArrayList<>(ps.size());
    ps.forEach(p -> out.add(f.apply(p)));
    return out;
  }
}
