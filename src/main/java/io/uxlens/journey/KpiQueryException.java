package io.uxlens.journey;

/** A KPI request that cannot be answered as asked: names the parameter and the rule (the query layer's 400). */
public final class KpiQueryException extends IllegalArgumentException {
  private final String field;

  public KpiQueryException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
