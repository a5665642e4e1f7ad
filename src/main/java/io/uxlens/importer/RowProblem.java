package io.uxlens.importer;

/** A record that cannot be sent as it is: the field at fault and the rule, as the server would word it. */
final class RowProblem extends Exception {
  private final String field;

  RowProblem(String field, String rule) {
    super(rule, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
