package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenTelemetry Collector file exporter lines: one OTLP JSON {@code ExportTraceServiceRequest} per line, posted as
 * it is to {@code /v1/traces}. Parsed here only to refuse a broken line before sending and to count its spans.
 */
final class OtlpLines implements RowMapper {
  @Override
  public Mapped map(Row row) throws RowProblem {
    if (row.text().length() > Format.OTLP.maxBodyBytes) {
      throw new RowProblem("body", "request body exceeds the OTLP export limit of 8 MiB");
    }
    ObjectNode export = JsonLines.object(row.text(), "one OTLP ExportTraceServiceRequest");
    JsonNode resourceSpans = export.get("resourceSpans");
    if (resourceSpans == null || !resourceSpans.isArray()) {
      throw new RowProblem("resourceSpans", "an OTLP JSON export must be a JSON object with resourceSpans");
    }
    int spans = 0;
    for (JsonNode rs : resourceSpans) {
      spans += count(rs.get("scopeSpans")) + count(rs.get("instrumentationLibrarySpans"));
    }
    return new Mapped(row.text().strip(), spans);
  }

  private static int count(JsonNode scopes) {
    int n = 0;
    if (scopes != null && scopes.isArray()) {
      for (JsonNode s : scopes) {
        JsonNode spans = s.get("spans");
        n += spans != null && spans.isArray() ? spans.size() : 0;
      }
    }
    return n;
  }
}
