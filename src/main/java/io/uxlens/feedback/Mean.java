package io.uxlens.feedback;

/** A mean with its count (customer effort score, sentiment); {@code value} is null when count is 0. */
public record Mean(Double value, int count) {
  public Mean {
    if (count < 0 || (value == null) != (count == 0)) {
      throw new IllegalArgumentException("mean is null exactly when count is 0 (count >= 0)");
    }
  }

  static Mean of(double sum, int count) {
    return new Mean(count == 0 ? null : sum / count, count);
  }
}
