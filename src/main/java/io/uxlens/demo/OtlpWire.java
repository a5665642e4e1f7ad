package io.uxlens.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spans as an OTLP/HTTP protobuf export (docs/CONTRACTS.md "OTLP HTTP traces"), what every OpenTelemetry SDK sends: one
 * resource per service, the session in {@code session.id}, HTTP and database semantic-convention attributes.
 */
final class OtlpWire {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpWire() {}

  static byte[] export(List<DemoRecord.SpanRecord> spans) {
    Map<String, ScopeSpans.Builder> byService = new TreeMap<>();
    for (DemoRecord.SpanRecord s : spans) {
      byService.computeIfAbsent(s.service(), k -> ScopeSpans.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("uxlens-demo").setVersion("1")))
          .addSpans(span(s));
    }
    ExportTraceServiceRequest.Builder req = ExportTraceServiceRequest.newBuilder();
    byService.forEach((service, scope) -> req.addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(attr("service.name", service))
            .addAttributes(attr("deployment.environment.name", "demo")))
        .addScopeSpans(scope)));
    return req.build().toByteArray();
  }

  private static Span span(DemoRecord.SpanRecord s) {
    Span.Builder b = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HEX.parseHex(s.traceId())))
        .setSpanId(ByteString.copyFrom(HEX.parseHex(s.spanId())))
        .setName(s.name())
        .setKind(switch (s.kind()) {
          case "server" -> Span.SpanKind.SPAN_KIND_SERVER;
          case "client" -> Span.SpanKind.SPAN_KIND_CLIENT;
          default -> Span.SpanKind.SPAN_KIND_INTERNAL;
        })
        .setStartTimeUnixNano(s.time() * 1_000_000L)
        .setEndTimeUnixNano(s.endNanos())
        .setStatus(Status.newBuilder().setCode(s.error() ? Status.StatusCode.STATUS_CODE_ERROR
            : Status.StatusCode.STATUS_CODE_UNSET));
    if (s.parentSpanId() != null) {
      b.setParentSpanId(ByteString.copyFrom(HEX.parseHex(s.parentSpanId())));
    }
    if (s.sessionId() != null) {
      b.addAttributes(attr("session.id", s.sessionId()));
    }
    if (s.route() != null) {
      b.addAttributes(attr("http.request.method", s.name().substring(0, s.name().indexOf(' '))));
      b.addAttributes(attr("http.route", s.route()));
    }
    if (s.httpStatus() != null) {
      b.addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
          .setValue(AnyValue.newBuilder().setIntValue(s.httpStatus())));
    }
    if (s.dbSystem() != null) {
      b.addAttributes(attr("db.system", s.dbSystem()));
      b.addAttributes(attr("db.query.text", s.name()));
    }
    if (s.client() != null) {
      b.addAttributes(attr("app.version", s.client().appVersion()));
    }
    return b.build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
