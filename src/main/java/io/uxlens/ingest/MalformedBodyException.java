package io.uxlens.ingest;

/**
 * A request body no codec can take at all (not the expected shape, unparseable, over a count limit), as opposed
 * to single items that are refused one by one as {@link Rejection}s. The root of the ingest layer's failures:
 * the server answers 413 when {@link #tooLarge()} and 400 otherwise, naming {@link #field()}.
 */
public final class MalformedBodyException extends RuntimeException {
  private final String field;
  private final boolean tooLarge;

  public MalformedBodyException(String field, String message, boolean tooLarge) {
    super(message);
    this.field = field;
    this.tooLarge = tooLarge;
  }

  public MalformedBodyException(String field, String message) {
    this(field, message, false);
  }

  /** An unparseable body, keeping the parser's failure as the cause for the log. */
  public MalformedBodyException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
    this.tooLarge = false;
  }

  public String field() {
    return field;
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
