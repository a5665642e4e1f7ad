package io.uxlens.model;

/**
 * What the session saw from the system during an attempt's window: spans (count, total and max latency, time in
 * database spans, 5xx answers, error spans), client measurements (render delay, web vitals, memory; null when
 * none arrived) and the browser's JS errors (Faro exceptions). Latencies in milliseconds, memory in MB.
 */
public record Performance(
    int spanCount,
    double spanTotalMs,
    double spanMaxMs,
    double dbTimeMs,
    int http5xx,
    int spanErrors,
    Double renderMs,
    Double lcpMs,
    Double inpMs,
    Double cls,
    Double memoryMb,
    int jsErrors) {

  public static final Performance NONE = new Performance(0, 0, 0, 0, 0, 0, null, null, null, null, null, 0);

  /** Without browser JS errors (server-side figures only). */
  public Performance(int spanCount, double spanTotalMs, double spanMaxMs, double dbTimeMs, int http5xx,
      int spanErrors, Double renderMs, Double lcpMs, Double inpMs, Double cls, Double memoryMb) {
    this(spanCount, spanTotalMs, spanMaxMs, dbTimeMs, http5xx, spanErrors, renderMs, lcpMs, inpMs, cls, memoryMb, 0);
  }

  /** Mean span latency in the attempt, the figure correlation uses; null without spans. */
  public Double meanLatencyMs() {
    return spanCount == 0 ? null : spanTotalMs / spanCount;
  }
}
