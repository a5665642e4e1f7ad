package io.uxlens.dashboards;

import java.util.Objects;

/** A column an Infinity query declares: the row key it selects, its display name and Infinity type. */
public record Column(String selector, String text, String type) {
  public static final String TIME = "timestamp_epoch";
  public static final String NUMBER = "number";
  public static final String STRING = "string";

  public Column {
    Objects.requireNonNull(selector, "selector");
    text = text == null ? selector : text;
    if (!type.equals(TIME) && !type.equals(NUMBER) && !type.equals(STRING)) {
      throw new IllegalArgumentException("unknown column type " + type);
    }
  }

  public static Column time() {
    return new Column("time", "time", TIME);
  }

  public static Column label(String selector) {
    return new Column(selector, selector, STRING);
  }

  public static Column number(String selector, String text) {
    return new Column(selector, text, NUMBER);
  }
}
