package io.uxlens.benchmarks;

/** A benchmarks file that cannot be used; the message names the file and the entry or field at fault. */
public final class BenchmarkException extends RuntimeException {
  public BenchmarkException(String message) {
    super(message);
  }

  public BenchmarkException(String message, Throwable cause) {
    super(message, cause);
  }
}
