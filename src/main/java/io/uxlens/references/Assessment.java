package io.uxlens.references;

import java.util.Objects;

/** A KPI value held against its target and benchmark; target, benchmark and value may be absent. */
public record Assessment(String kpi, Double value, Double target, Double benchmark, String source,
    KpiStatus status) {
  public Assessment {
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(status, "status");
  }
}
