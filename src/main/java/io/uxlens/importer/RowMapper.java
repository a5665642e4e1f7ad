package io.uxlens.importer;

/** Turns one input record into what the endpoint takes (a Segment message, an OTLP export, a feedback item). */
interface RowMapper {
  /** What one record becomes: the JSON to send and how many units (events, spans, items) it holds. */
  record Mapped(String json, int units) {}

  Mapped map(Row row) throws RowProblem;

  /**
   * The name of a server-side field as the user knows it in the input, e.g. {@code userId (from
   * properties.distinct_id)} for a Mixpanel export, so a refusal points at what to fix.
   */
  default String describe(String field) {
    return field;
  }
}
