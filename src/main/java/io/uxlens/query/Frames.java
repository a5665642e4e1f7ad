package io.uxlens.query;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The time series frame shape every bucketed metric answers: time, a labelled value, then its denominators. */
public final class Frames {
  private Frames() {}

  /** A named number column that rides along with the value (a count, a denominator), hidden from graphs. */
  public record Extra(String name, List<? extends Number> values) {}

  public static DataFrame series(String metricId, Buckets buckets, Map<String, String> labels, String unit,
      String displayName, List<? extends Number> values, Extra... extras) {
    return series(metricId, buckets, labels, FieldConfig.unit(unit).withDisplayName(displayName), values, extras);
  }

  /** The same shape with the value's whole config given (a score's min and max, thresholds). */
  public static DataFrame series(String metricId, Buckets buckets, Map<String, String> labels, FieldConfig value,
      List<? extends Number> values, Extra... extras) {
    List<Field> fields = new ArrayList<>();
    fields.add(Field.time("time", buckets.times()));
    fields.add(Field.number("value", values, labels, value));
    for (Extra e : extras) {
      fields.add(Field.number(e.name(), e.values(), labels, FieldConfig.unit("short").hidden()));
    }
    String name = labels.isEmpty() ? metricId : metricId + " " + labelText(labels);
    return new DataFrame(name, null, fields);
  }

  /** "k1=v1, k2=v2" in label order, for frame names. */
  public static String labelText(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** A display name from parts, skipping blanks: ("p95", "checkout") gives "p95 checkout". */
  public static String display(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(" "));
  }
}
