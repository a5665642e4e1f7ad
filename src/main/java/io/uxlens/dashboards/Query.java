package io.uxlens.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One panel query, flavour-neutral: a catalogue metric, its options (values may hold dashboard variables, a
 * list means several values), the frame format and the columns the panel relies on.
 */
public record Query(String metric, Map<String, List<String>> options, boolean table, List<Column> columns) {
  public Query {
    Objects.requireNonNull(metric, "metric");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    options = java.util.Collections.unmodifiableMap(copy);
    columns = List.copyOf(columns);
  }

  /** A time series query: {@code time}, the given label columns, and {@code value} shown as {@code valueText}. */
  public static Query series(String metric, String valueText, String... labels) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.time());
    for (String l : labels) {
      cols.add(Column.label(l));
    }
    cols.add(Column.number("value", valueText));
    return new Query(metric, Map.of(), false, cols);
  }

  /** A table query with the given columns. */
  public static Query table(String metric, Column... columns) {
    return new Query(metric, Map.of(), true, List.of(columns));
  }

  /** This query with one more option (kept in call order). */
  public Query with(String option, String... values) {
    Map<String, List<String>> o = new LinkedHashMap<>(options);
    o.put(option, List.of(values));
    return new Query(metric, o, table, columns);
  }

  /** Declares a label column the rows carry (before {@code value}), e.g. {@code journey}. */
  public Query label(String column) {
    List<Column> cols = new ArrayList<>(columns);
    cols.add(cols.size() - 1, Column.label(column));
    return new Query(metric, options, table, cols);
  }

  /** Split by a context key: adds the option and the label column the rows then carry. */
  public Query groupBy(String key) {
    return label(key.replaceAll("[^A-Za-z0-9_]", "_")).with("group_by", key);
  }
}
