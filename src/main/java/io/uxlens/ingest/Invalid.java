package io.uxlens.ingest;

/** A field-level validation failure: the dotted field path and the rule it broke. Caught by the codecs. */
final class Invalid extends RuntimeException {
  private final String field;

  Invalid(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }

  /**
   * The same failure under an outer path, e.g. {@code score} inside {@code items[3]}. Faro's {@code meta.*} fields
   * belong to the whole payload, so they keep their own path.
   */
  Rejection at(int index, String prefix) {
    if (field != null && field.startsWith("meta.")) {
      return new Rejection(index, field, getMessage());
    }
    return new Rejection(index, field == null || field.isEmpty() ? prefix : prefix + "." + field, getMessage());
  }
}
