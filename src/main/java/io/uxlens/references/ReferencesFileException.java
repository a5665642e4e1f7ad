package io.uxlens.references;

/** A benchmarks file that cannot be used; the message names the file and the entry or field at fault. */
public final class ReferencesFileException extends RuntimeException {
  public ReferencesFileException(String message) {
    super(message);
  }

  public ReferencesFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
