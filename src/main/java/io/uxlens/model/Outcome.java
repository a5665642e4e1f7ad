package io.uxlens.model;

/** How an attempt ended, or that it has not yet. */
public enum Outcome {
  COMPLETED("completed"),
  ABANDONED("abandoned"),
  IN_PROGRESS("in_progress");

  private final String code;

  Outcome(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean finished() {
    return this != IN_PROGRESS;
  }

  public static Outcome ofCode(String code) {
    for (Outcome o : values()) {
      if (o.code.equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown outcome " + code);
  }
}
