package io.uxlens.references;

/** Where a KPI value stands against its target and the industry benchmark. */
public enum KpiStatus {
  /** Meets or beats the team's target (and is not below the industry benchmark). */
  ABOVE_TARGET,
  /** Misses the target but is at least as good as the benchmark (or there is no benchmark). */
  BELOW_TARGET,
  /** Worse than the industry benchmark: the most serious state, whatever the target says. */
  BELOW_BENCHMARK,
  /** No target set and not below the benchmark. */
  NO_TARGET,
  /** No value (no data in the range). */
  NO_DATA
}
