package io.uxlens.grafana;

/**
 * A request Grafana (or a user) must fix: names the field and the rule. Adapters answer it as 400; it never
 * means our bug.
 */
public class QueryError extends RuntimeException {
  private final String field;

  public QueryError(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
