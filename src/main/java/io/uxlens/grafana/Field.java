package io.uxlens.grafana;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One column of a data frame. Values are checked against the type (null is allowed everywhere: an empty bucket
 * is null, never zero). Time values are epoch milliseconds. Labels are sorted so output is stable.
 */
public record Field(String name, FieldType type, List<Object> values, Map<String, String> labels, FieldConfig config) {

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(values, "values")));
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    config = config == null ? FieldConfig.NONE : config;
    for (Object v : values) {
      if (v != null && !accepts(type, v)) {
        throw new IllegalArgumentException("field " + name + " of type " + type.wire() + " cannot hold "
            + v.getClass().getSimpleName() + " " + v);
      }
    }
  }

  private static boolean accepts(FieldType type, Object v) {
    return switch (type) {
      case TIME -> v instanceof Long || v instanceof Integer;
      case NUMBER -> v instanceof Number n && (!(n instanceof Double d) || Double.isFinite(d));
      case STRING -> v instanceof String;
      case BOOLEAN -> v instanceof Boolean;
      case OTHER -> true;
    };
  }

  public static Field time(String name, List<Long> epochMs) {
    return new Field(name, FieldType.TIME, new ArrayList<>(epochMs), null, null);
  }

  public static Field number(String name, List<? extends Number> values, Map<String, String> labels,
      FieldConfig config) {
    return new Field(name, FieldType.NUMBER, new ArrayList<>(values), labels, config);
  }

  public static Field string(String name, List<String> values) {
    return new Field(name, FieldType.STRING, new ArrayList<>(values), null, null);
  }

  public int size() {
    return values.size();
  }
}
