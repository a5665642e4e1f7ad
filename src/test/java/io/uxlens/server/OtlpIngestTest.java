package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.uxlens.model.Span;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP/HTTP trace ingest, driven by the OpenTelemetry Java SDK's own exporter and by hand-built bodies. */
class OtlpIngestTest {
  @TempDir Path dir;

  /** Keeps the SDK's finished spans so the same SpanData can be exported twice (a client retry). */
  static final class Capture implements SpanExporter {
    final List<SpanData> spans = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  static List<SpanData> checkoutSpans() {
    Capture capture = new Capture();
    Resource resource = Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), "checkout-api")));
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(capture)).build()) {
      Tracer tracer = provider.get("uxlens-test");
      io.opentelemetry.api.trace.Span server = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER)
          .setAttribute("session.id", "sess-otel-1").setAttribute("http.response.status_code", 503L).startSpan();
      Scope scope = server.makeCurrent();
      try {
        io.opentelemetry.api.trace.Span db = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
            .setAttribute("session.id", "sess-otel-1").setAttribute("db.system", "postgresql").startSpan();
        db.end();
      } finally {
        scope.close();
      }
      server.setStatus(StatusCode.ERROR, "upstream unavailable");
      server.end();
      tracer.spanBuilder("nightly-cleanup").setAttribute("http.status_code", 200L).startSpan().end();
    }
    return capture.spans;
  }

  private static OtlpHttpSpanExporter exporter(TestServer s, String compression) {
    return OtlpHttpSpanExporter.builder().setEndpoint(s.uri("/v1/traces").toString())
        .setCompression(compression).setTimeout(10, TimeUnit.SECONDS).build();
  }

  @Test
  void javaSdkExporterSpansAreStoredWithTheirSessionsAndRetriesDedupe() throws Exception {
    List<SpanData> spans = checkoutSpans();
    try (TestServer s = TestServer.start(dir); OtlpHttpSpanExporter exporter = exporter(s, "none")) {
      assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(s.count("spans")).isEqualTo(3);
      assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(s.count("spans")).as("a retried export is stored once").isEqualTo(3);

      StoredRecords store = new StoredRecords(s.server().store().jdbi());
      List<Span> session = store.spansOfSession("sess-otel-1");
      assertThat(session).extracting(Span::name).containsExactlyInAnyOrder("POST /checkout", "SELECT orders");
      Span server = session.stream().filter(x -> x.name().equals("POST /checkout")).findFirst().orElseThrow();
      Span db = session.stream().filter(x -> x.name().equals("SELECT orders")).findFirst().orElseThrow();
      SpanData sdkServer = spans.stream().filter(x -> x.getName().equals("POST /checkout")).findFirst().orElseThrow();
      assertThat(server.traceId()).isEqualTo(sdkServer.getTraceId());
      assertThat(server.spanId()).isEqualTo(sdkServer.getSpanId());
      assertThat(server.service()).isEqualTo("checkout-api");
      assertThat(server.kind()).isEqualTo("server");
      assertThat(server.status()).isEqualTo("error");
      assertThat(server.httpStatus()).isEqualTo(503);
      assertThat(server.start()).isEqualTo(sdkServer.getStartEpochNanos() / 1_000_000);
      assertThat(server.durationMs()).isCloseTo(
          (sdkServer.getEndEpochNanos() - sdkServer.getStartEpochNanos()) / 1e6, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(db.parentSpanId()).isEqualTo(server.spanId());
      assertThat(db.kind()).isEqualTo("client");
      assertThat(db.dbSystem()).isEqualTo("postgresql");
      assertThat(db.attributes()).contains("\"db.system\":\"postgresql\"");

      String cleanupTrace = spans.stream().filter(x -> x.getName().equals("nightly-cleanup")).findFirst()
          .orElseThrow().getTraceId();
      Span cleanup = store.spansOfTrace(cleanupTrace).get(0);
      assertThat(cleanup.sessionId()).as("spans without a session are kept").isNull();
      assertThat(cleanup.httpStatus()).as("legacy http.status_code").isEqualTo(200);
      assertThat(cleanup.kind()).isEqualTo("internal");
    }
  }

  @Test
  void gzipExportsFromTheJavaSdkAreInflated() throws Exception {
    List<SpanData> spans = checkoutSpans();
    try (TestServer s = TestServer.start(dir); OtlpHttpSpanExporter exporter = exporter(s, "gzip")) {
      assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(new StoredRecords(s.server().store().jdbi()).spansOfSession("sess-otel-1")).hasSize(2);
    }
  }

  @Test
  void writeKeysApplyToOtlpExportsAsBasicAuth() throws Exception {
    List<SpanData> spans = checkoutSpans();
    try (TestServer s = TestServer.start(dir, c -> c.withWriteKeys(List.of("wk-1")))) {
      try (OtlpHttpSpanExporter anonymous = exporter(s, "none")) {
        assertThat(anonymous.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
      }
      String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("wk-1:".getBytes(StandardCharsets.UTF_8));
      try (OtlpHttpSpanExporter keyed = OtlpHttpSpanExporter.builder().setEndpoint(s.uri("/v1/traces").toString())
          .addHeader("Authorization", basic).build()) {
        assertThat(keyed.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
      assertThat(s.count("spans")).isEqualTo(3);
    }
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder protoSpan(int seed) {
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    trace[15] = (byte) seed;
    span[7] = (byte) seed;
    return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(span)).setName("op-" + seed)
        .setStartTimeUnixNano(1_767_225_600_000_000_000L).setEndTimeUnixNano(1_767_225_600_250_000_000L);
  }

  @Test
  void protobufPartialSuccessCountsAndNamesTheRejectedSpans() throws Exception {
    ExportTraceServiceRequest req = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder()
            .addSpans(protoSpan(1))
            .addSpans(protoSpan(2).setEndTimeUnixNano(1_767_225_599_000_000_000L))
            .addSpans(protoSpan(3).setTraceId(ByteString.copyFrom(new byte[16])))
            .addSpans(protoSpan(4).setSpanId(ByteString.copyFrom(new byte[3])))
            .addSpans(protoSpan(5).setName(""))
            .addSpans(protoSpan(6).setStartTimeUnixNano(0)))).build();
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.send(HttpRequest.newBuilder(s.uri("/v1/traces"))
          .header("Content-Type", "application/x-protobuf")
          .POST(HttpRequest.BodyPublishers.ofByteArray(req.toByteArray())));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/x-protobuf");
      ExportTraceServiceResponse resp = ExportTraceServiceResponse.parseFrom(r.body());
      assertThat(resp.getPartialSuccess().getRejectedSpans()).isEqualTo(5);
      assertThat(resp.getPartialSuccess().getErrorMessage())
          .contains("spans[1].endTimeUnixNano", "spans[2].traceId: traceId must not be all zeros",
              "spans[3].spanId: spanId must be 8 bytes");
      assertThat(s.count("spans")).isEqualTo(1);
    }
  }

  static String otlpJson(String traceId, String spanId, String containerKey) {
    return """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}},
            {"key":"session.id","value":{"stringValue":"sess-res"}}]},
          "%s":[{"scope":{"name":"manual"},"instrumentationLibrary":{"name":"old"},"spans":[
            {"traceId":"%s","spanId":"%s","parentSpanId":"","name":"GET /api/items","kind":3,
             "startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225600125500000",
             "attributes":[{"key":"http.response.status_code","value":{"intValue":"404"}},
                           {"key":"retries","value":{"intValue":2}},
                           {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"boolValue":true}]}}}],
             "status":{"code":2,"message":"not found"},"futureField":{"x":1}}]}]}]}""".formatted(
        containerKey, traceId, spanId);
  }

  @Test
  void otlpJsonWithHexIdsIntEnumsAndStringInt64IsStoredAndAnsweredInJson() throws Exception {
    String trace = "5b8efff798038103d269b633813fc60c";
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/v1/traces", otlpJson(trace, "eee19b7ec3c1b174", "scopeSpans"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().isObject()).isTrue();
      assertThat(r.json().has("partialSuccess")).isFalse();
      Span span = new StoredRecords(s.server().store().jdbi()).spansOfTrace(trace).get(0);
      assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
      assertThat(span.parentSpanId()).isNull();
      assertThat(span.sessionId()).as("resource session.id is the fallback").isEqualTo("sess-res");
      assertThat(span.service()).isEqualTo("web");
      assertThat(span.kind()).isEqualTo("client");
      assertThat(span.status()).isEqualTo("error");
      assertThat(span.httpStatus()).isEqualTo(404);
      assertThat(span.durationMs()).isEqualTo(125.5);
      assertThat(span.start()).isEqualTo(1_767_225_600_000L);
      assertThat(span.attributes()).contains("\"retries\":2", "\"tags\":[\"a\",true]");
    }
  }

  @Test
  void legacyInstrumentationLibrarySpansAreAccepted() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/v1/traces",
          otlpJson("0123456789abcdef0123456789abcdef", "0123456789abcdef", "instrumentationLibrarySpans"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(s.count("spans")).isEqualTo(1);
    }
  }

  @Test
  void otlpJsonWithBadHexIdsGetsJsonPartialSuccess() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/v1/traces", otlpJson("not-hex", "eee19b7ec3c1b174", "scopeSpans"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("partialSuccess").path("rejectedSpans").asInt()).isEqualTo(1);
      assertThat(r.json().path("partialSuccess").path("errorMessage").asText())
          .contains("spans[0].traceId", "32 hex digits");
      assertThat(s.count("spans")).isZero();
    }
  }

  static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  @Test
  void gzippedOtlpJsonIsInflated() throws Exception {
    byte[] body = gzip(otlpJson("0123456789abcdef0123456789abcdef", "0123456789abcdef", "scopeSpans")
        .getBytes(StandardCharsets.UTF_8));
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.send(HttpRequest.newBuilder(s.uri("/v1/traces"))
          .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      assertThat(r.status()).isEqualTo(200);
      assertThat(s.count("spans")).isEqualTo(1);
    }
  }

  private static TestServer.Response post(TestServer s, String type, String encoding, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/v1/traces")).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return s.send(b);
  }

  @Test
  void badBodiesGetClearClientErrors() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = post(s, "text/plain", null, "hi".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(415);
      assertThat(r.json().path("field").asText()).isEqualTo("Content-Type");

      r = post(s, "application/x-protobuf", null, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).contains("not a valid OTLP ExportTraceServiceRequest");

      r = post(s, "application/json", null, "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).contains("invalid JSON");

      r = post(s, "application/json", null,
          "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}"
              .getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).contains("not a valid OTLP JSON export");

      r = post(s, "application/x-protobuf", null, new byte[Limits.OTLP_BODY_BYTES + 1]);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.json().path("error").asText()).contains("8 MiB");

      r = post(s, "application/x-protobuf", "gzip", gzip(new byte[Limits.OTLP_BODY_BYTES + 1]));
      assertThat(r.status()).as("the inflated size is limited too").isEqualTo(413);

      r = post(s, "application/x-protobuf", "gzip", "not gzip".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("Content-Encoding");
      assertThat(s.count("spans")).isZero();
    }
  }
}
