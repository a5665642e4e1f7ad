package io.uxlens.grafana;

import java.util.Locale;

/** Grafana field types we emit. {@code OTHER} carries arrays (annotation tags). */
public enum FieldType {
  TIME, NUMBER, STRING, BOOLEAN, OTHER;

  /** The name Grafana uses on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
