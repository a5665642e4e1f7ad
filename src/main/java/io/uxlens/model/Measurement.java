package io.uxlens.model;

import java.util.Objects;

/**
 * A client measurement: web vitals (lcp, inp, cls, fcp, ttfb), render time, memory... {@code id} is
 * deterministic for a given payload so a retried upload is stored once. {@code context} is a JSON object text.
 */
public record Measurement(
    String id,
    String sessionId,
    String name,
    double value,
    String unit,
    long timestamp,
    String context) {

  public Measurement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be a finite number");
    }
    context = context == null ? "{}" : context;
  }
}
