package io.uxlens.feedback;

/** Customer satisfaction: % of responses scoring 4 or 5 of 5; {@code percent} is null without responses. */
public record Csat(Double percent, int responses, int satisfied) {
  public Csat {
    if (satisfied < 0 || satisfied > responses) {
      throw new IllegalArgumentException("CSAT satisfied must be between 0 and responses");
    }
    if ((percent == null) != (responses == 0)) {
      throw new IllegalArgumentException("CSAT percent is null exactly when there are no responses");
    }
  }

  static Csat of(int satisfied, int responses) {
    return new Csat(responses == 0 ? null : 100.0 * satisfied / responses, responses, satisfied);
  }
}
