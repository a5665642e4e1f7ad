package io.uxlens.query.journey;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.FieldType;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A table metric's columns, declared once: they give the frame's fields (with units) and the Infinity row
 * columns, so the two adapters cannot disagree. Strings are never null (Grafana's frame check wants strings);
 * numbers declared nullable may be (no data: a rate without attempts).
 */
final class Table {
  /** One column: name, frame type, unit (may be null), description, and whether it may hold null. */
  record Column(String name, FieldType type, String unit, String description, boolean nullable) {}

  private final List<Column> columns = new ArrayList<>();

  Table text(String name, String description) {
    columns.add(new Column(name, FieldType.STRING, null, description, false));
    return this;
  }

  Table number(String name, String unit, String description) {
    columns.add(new Column(name, FieldType.NUMBER, unit, description, false));
    return this;
  }

  /** A number that may be null in some rows. */
  Table maybe(String name, String unit, String description) {
    columns.add(new Column(name, FieldType.NUMBER, unit, description, true));
    return this;
  }

  List<RowColumn> rowColumns() {
    return columns.stream().map(c -> {
      RowColumn r = c.type() == FieldType.STRING ? RowColumn.label(c.name(), c.description())
          : RowColumn.number(c.name(), c.description());
      return c.nullable() ? r.orNull() : r;
    }).toList();
  }

  /** Rows being filled for one query. */
  Rows rows() {
    return new Rows();
  }

  final class Rows {
    private final List<List<Object>> values = new ArrayList<>();

    Rows() {
      columns.forEach(c -> values.add(new ArrayList<>()));
    }

    /** Adds a row: one value per column, in declaration order; non-finite numbers become null. */
    Rows add(Object... row) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("a row has " + row.length + " values for " + columns.size() + " columns");
      }
      for (int i = 0; i < row.length; i++) {
        Object v = row[i];
        if (v instanceof Double d && !Double.isFinite(d)) {
          v = null;
        }
        Column c = columns.get(i);
        if (v == null && !c.nullable()) {
          throw new IllegalArgumentException("column " + c.name() + " cannot be null");
        }
        values.get(i).add(v);
      }
      return this;
    }

    /** Appends every row of {@code other} (rows of the same table). */
    Rows addAll(Rows other) {
      for (int i = 0; i < values.size(); i++) {
        values.get(i).addAll(other.values.get(i));
      }
      return this;
    }

    DataFrame frame(String name) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        FieldConfig config = c.unit() == null ? null : FieldConfig.unit(c.unit());
        fields.add(new Field(c.name(), c.type(), values.get(i), null, config));
      }
      return new DataFrame(name, null, fields);
    }
  }
}
