package io.uxlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.ingest.OtlpCodec;
import io.uxlens.store.SpanStore;
import io.uxlens.store.Writer;

/** OTLP/HTTP trace ingest (CONTRACTS.md §5): protobuf or JSON, gzip, 413 over the limit, partial success. */
final class TelemetryRoutes {
  static final String PROTOBUF = "application/x-protobuf";

  private final OtlpCodec codec;
  private final WriteKeys keys;
  private final Writer writer;

  TelemetryRoutes(OtlpCodec codec, WriteKeys keys, Writer writer) {
    this.codec = codec;
    this.keys = keys;
    this.writer = writer;
  }

  void register(Router router) {
    router.add("POST", "/v1/traces", this::traces);
  }

  private Reply traces(HttpCall call) {
    String type = call.contentType();
    boolean protobuf = type.equals(PROTOBUF) || type.equals("application/protobuf");
    if (!protobuf && !type.equals(Reply.JSON)) {
      throw new ApiException(415, "unsupported Content-Type '" + type + "'; OTLP/HTTP takes " + PROTOBUF
          + " or application/json", "Content-Type");
    }
    keys.check(call, null);
    OtlpCodec.Decoded decoded;
    try {
      if (protobuf) {
        decoded = codec.decodeProtobuf(call.body(Limits.OTLP_BODY_BYTES, "OTLP export"));
      } else {
        JsonNode tree = call.jsonBody(Limits.OTLP_BODY_BYTES, "OTLP export");
        decoded = codec.decodeJson(tree, null);
      }
    } catch (OtlpCodec.MalformedException e) {
      throw ApiException.badRequest("body", e.getMessage());
    }
    if (!decoded.spans().isEmpty()) {
      Ingest.commit(writer, h -> SpanStore.insert(h, decoded.spans()));
    }
    return protobuf
        ? new Reply(200, PROTOBUF, OtlpCodec.protobufResponse(decoded), java.util.Map.of())
        : new Reply(200, Reply.JSON, OtlpCodec.jsonResponse(decoded), java.util.Map.of());
  }
}
