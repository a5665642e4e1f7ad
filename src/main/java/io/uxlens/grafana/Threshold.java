package io.uxlens.grafana;

import java.util.Objects;

/** One step of an absolute threshold scale: from {@code value} upwards (null = minus infinity) use {@code color}. */
public record Threshold(Double value, String color) {
  public Threshold {
    Objects.requireNonNull(color, "color");
  }
}
