package io.uxlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.ingest.OtlpCodec;
import io.uxlens.prometheus.IngestMetrics;
import io.uxlens.prometheus.RejectReason;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Writer;

/** OTLP/HTTP trace ingest (docs/CONTRACTS.md "OTLP HTTP traces"): protobuf or JSON, gzip, 413 over the limit, partial success. */
final class TelemetryRoutes {
  private static final String SOURCE = "otlp";
  private final IngestMetrics metrics;
  static final String PROTOBUF = "application/x-protobuf";

  private final OtlpCodec codec;
  private final WriteKeys keys;
  private final Writer writer;
  private IngestGuard guard = IngestGuard.OPEN;

  TelemetryRoutes(OtlpCodec codec, WriteKeys keys, Writer writer, IngestMetrics metrics) {
    this.metrics = metrics;
    this.codec = codec;
    this.keys = keys;
    this.writer = writer;
  }

  /** Rate limit and PII mask applied to what this route stores. */
  TelemetryRoutes guarded(IngestGuard ingestGuard) {
    this.guard = ingestGuard;
    return this;
  }

  void register(Router router) {
    router.add("POST", "/v1/traces", IngestCounting.counted(metrics, SOURCE, this::traces));
  }

  private Reply traces(HttpCall call) {
    String type = call.contentType();
    boolean protobuf = type.equals(PROTOBUF) || type.equals("application/protobuf");
    if (!protobuf && !type.equals(Reply.JSON)) {
      throw new Refusal(415, "unsupported Content-Type '" + type + "'; OTLP/HTTP takes " + PROTOBUF
          + " or application/json", "Content-Type");
    }
    keys.check(call, null);
    OtlpCodec.Decoded decoded;
    if (protobuf) {
      decoded = codec.decodeProtobuf(call.body(Limits.OTLP_BODY_BYTES, "OTLP export"));
    } else {
      JsonNode tree = call.jsonBody(Limits.OTLP_BODY_BYTES, "OTLP export");
      decoded = codec.decodeJson(tree, null);
    }
    int inserted = DurableWrite.commit(writer, guard.admit(call, RecordBatch.EMPTY.withSpans(decoded.spans()))).spans();
    metrics.accepted(SOURCE, "spans", inserted);
    metrics.duplicates(SOURCE, "spans", decoded.spans().size() - inserted);
    metrics.rejected(SOURCE, RejectReason.INVALID_RECORD, decoded.rejected());
    return protobuf
        ? new Reply(200, PROTOBUF, OtlpCodec.protobufResponse(decoded), java.util.Map.of())
        : new Reply(200, Reply.JSON, OtlpCodec.jsonResponse(decoded), java.util.Map.of());
  }
}
