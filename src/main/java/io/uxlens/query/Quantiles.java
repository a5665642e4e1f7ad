package io.uxlens.query;

import io.uxlens.Refusal;


/** Quantile option values ("p50", "p95", "p99.9") and their fractions. */
public final class Quantiles {
  private Quantiles() {}

  public static double fraction(String option) {
    if (option == null || !option.matches("p\\d{1,2}(\\.\\d+)?")) {
      throw Refusal.badRequest("payload.quantile", "quantile must look like p50, p95 or p99.9; got " + option);
    }
    double q = Double.parseDouble(option.substring(1)) / 100.0;
    if (q <= 0 || q >= 1) {
      throw Refusal.badRequest("payload.quantile", "quantile must be between p0 and p100 exclusive; got " + option);
    }
    return q;
  }
}
