package io.uxlens.experiment;

import java.util.Objects;

/** One arm of an experiment and its share of traffic (weights are relative; they need not sum to 1). */
public record Variant(String id, double weight) {
  public Variant {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("variant id must not be blank");
    }
    if (!(weight >= 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("variant weight must be a finite number >= 0, got " + weight);
    }
  }
}
