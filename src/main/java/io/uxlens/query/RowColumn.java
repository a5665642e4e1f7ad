package io.uxlens.query;

import java.util.Objects;

/**
 * A column of a metric's Infinity rows, with the Infinity column type to declare for it. The name
 * {@link #GROUP_BY} stands for the column named after the group_by key (non-alphanumerics become '_').
 * A {@code nullable} column may hold JSON null in a row (a table cell without a value, e.g. the score of a free
 * text comment); every other column always holds a value of its type.
 */
public record RowColumn(String name, Type type, String description, boolean nullable) {
  public static final String GROUP_BY = "{group_by}";

  /** Infinity column types. */
  public enum Type {
    TIMESTAMP_EPOCH("timestamp_epoch"), NUMBER("number"), STRING("string"), BOOLEAN("boolean");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public RowColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
  }

  public RowColumn(String name, Type type, String description) {
    this(name, type, description, false);
  }

  /** The same column, allowed to be null in some rows. */
  public RowColumn orNull() {
    return new RowColumn(name, type, description, true);
  }

  public static RowColumn time() {
    return new RowColumn("time", Type.TIMESTAMP_EPOCH, "bucket start, epoch milliseconds");
  }

  public static RowColumn label(String name, String description) {
    return new RowColumn(name, Type.STRING, description);
  }

  public static RowColumn number(String name, String description) {
    return new RowColumn(name, Type.NUMBER, description);
  }

  public static RowColumn groupBy() {
    return new RowColumn(GROUP_BY, Type.STRING, "the group_by key's value, present when group_by is set");
  }

  /** The row key for a label: dots and other punctuation become '_' so JSON path selectors resolve. */
  public static String columnName(String label) {
    return label.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
