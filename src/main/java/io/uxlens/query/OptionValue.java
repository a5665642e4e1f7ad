package io.uxlens.query;

import java.util.Objects;

/** One choice of a select: what the editor shows and what the payload carries. */
public record OptionValue(String label, String value) {
  public OptionValue {
    Objects.requireNonNull(value, "value");
    label = label == null ? value : label;
  }

  public static OptionValue of(String value) {
    return new OptionValue(value, value);
  }
}
