package io.uxlens.bench;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Encodings {@link FuzzMutator} needs on the way out: OTLP protobuf, query-string escaping of raw bytes, gzip. */
final class FuzzWire {
  private FuzzWire() {}

  /** The OTLP JSON seed as the protobuf an OpenTelemetry SDK would send. */
  static byte[] protobufOf(String json) {
    try {
      ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(json, b);
      return b.build().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("the OTLP seed does not convert to protobuf", e);
    }
  }

  /**
   * A query-string value, percent-encoded byte for byte when it is Latin-1 (so invalid UTF-8 bytes stay invalid),
   * as UTF-8 otherwise.
   */
  static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    boolean latin = new String(bytes, StandardCharsets.ISO_8859_1).equals(s);
    if (!latin) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
