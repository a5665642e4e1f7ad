package io.uxlens.datasource;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldType;
import io.uxlens.query.RowColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames as rows for Infinity: one row per frame index, label keys as string columns (dots become '_' so
 * selectors resolve), every field by name, arrays joined with commas. In a time series (first field time), a row
 * whose {@code value} is null (an empty bucket, a rate without denominator) is left out: no data, rather than a
 * null Infinity cannot type. Table rows are all kept (a KPI table's "no data" row is an answer).
 */
public final class InfinityRows {
  private InfinityRows() {}

  public static Map<String, Object> response(String metricId, List<DataFrame> frames) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metric", metricId);
    out.put("rows", rows(frames));
    return out;
  }

  public static List<Map<String, Object>> rows(List<DataFrame> frames) {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (DataFrame f : frames) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (Field field : f.fields()) {
        field.labels().forEach((k, v) -> labels.put(RowColumn.columnName(k), v));
      }
      Field value = f.fields().get(0).type() != FieldType.TIME ? null
          : f.fields().stream().filter(x -> x.name().equals("value")).findFirst().orElse(null);
      for (int i = 0; i < f.length(); i++) {
        if (value != null && value.values().get(i) == null) {
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        Field first = f.fields().get(0);
        if (first.type() == FieldType.TIME) {
          row.put(first.name(), first.values().get(i));
        }
        row.putAll(labels);
        for (Field field : f.fields()) {
          Object v = field.values().get(i);
          row.put(field.name(), v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
