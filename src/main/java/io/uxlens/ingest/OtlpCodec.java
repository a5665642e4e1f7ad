package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.uxlens.Refusal;
import io.uxlens.json.Json;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP trace exports (docs/CONTRACTS.md "OTLP HTTP traces") to canonical spans, from protobuf or from OTLP JSON. Parsing is
 * protobuf-java's; this class only bridges OTLP JSON's differences (hex ids, the pre-1.0
 * {@code instrumentationLibrarySpans}) and validates span by span so one bad span never costs its batch.
 */
public final class OtlpCodec {
  public static final String SESSION_ATTRIBUTE = "session.id";
  private static final int MAX_REASONS = 3;
  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

  /** The valid spans, and how many were refused with a summary of why (OTLP partial success). */
  public record Decoded(List<Span> spans, int rejected, String errorMessage) {
    public static final Decoded EMPTY = new Decoded(List.of(), 0, null);
  }


  public Decoded decodeProtobuf(byte[] body) {
    try {
      return decode(ExportTraceServiceRequest.parseFrom(body), null, Map.of());
    } catch (InvalidProtocolBufferException e) {
      throw Refusal.badRequest("body", "body is not a valid OTLP ExportTraceServiceRequest protobuf: "
          + e.getMessage()).because(e);
    }
  }

  /**
   * An OTLP JSON export ({@code {"resourceSpans":[...]}}). {@code defaultSession} is used for spans that carry no
   * {@code session.id} (Faro knows the session from its meta).
   */
  public Decoded decodeJson(JsonNode tree, String defaultSession) {
    if (tree == null || !tree.isObject()) {
      throw Refusal.badRequest("body", "an OTLP JSON export must be a JSON object with resourceSpans");
    }
    ObjectNode copy = ((ObjectNode) tree).deepCopy();
    Map<String, Refusal> idProblems = new LinkedHashMap<>();
    normalise(copy, idProblems);
    ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
    try {
      JSON_PARSER.merge(copy.toString(), b);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw Refusal.badRequest("body", "body is not a valid OTLP JSON export: " + e.getMessage()).because(e);
    }
    return decode(b.build(), defaultSession, idProblems);
  }

  private Decoded decode(ExportTraceServiceRequest req, String defaultSession, Map<String, Refusal> idProblems) {
    List<Span> spans = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    int rejected = 0;
    for (int r = 0; r < req.getResourceSpansCount(); r++) {
      ResourceSpans rs = req.getResourceSpans(r);
      Resource res = rs.getResource();
      String service = stringAttr(res.getAttributesList(), "service.name");
      String resourceSession = stringAttr(res.getAttributesList(), SESSION_ATTRIBUTE);
      for (int s = 0; s < rs.getScopeSpansCount(); s++) {
        ScopeSpans ss = rs.getScopeSpans(s);
        for (int i = 0; i < ss.getSpansCount(); i++) {
          String path = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
          Refusal problem = idProblems.get(r + ":" + s + ":" + i);
          try {
            if (problem != null) {
              throw problem;
            }
            spans.add(toSpan(ss.getSpans(i), service, resourceSession, defaultSession));
          } catch (Refusal e) {
            rejected++;
            if (reasons.size() < MAX_REASONS) {
              reasons.add(path + "." + e.field() + ": " + e.getMessage());
            }
          }
        }
      }
    }
    String message = rejected == 0 ? null
        : rejected + " span(s) rejected: " + String.join("; ", reasons) + (rejected > reasons.size() ? "; ..." : "");
    return new Decoded(spans, rejected, message);
  }

  private static Span toSpan(io.opentelemetry.proto.trace.v1.Span p, String service, String resourceSession,
      String defaultSession) {
    String traceId = id(p.getTraceId(), 16, "traceId", true);
    String spanId = id(p.getSpanId(), 8, "spanId", true);
    String parent = id(p.getParentSpanId(), 8, "parentSpanId", false);
    if (p.getName().isEmpty()) {
      throw Refusal.badRequest("name", "name is required");
    }
    long startNs = p.getStartTimeUnixNano();
    long endNs = p.getEndTimeUnixNano();
    if (startNs <= 0) {
      throw Refusal.badRequest("startTimeUnixNano", "startTimeUnixNano is required and must be positive");
    }
    if (endNs < startNs) {
      throw Refusal.badRequest("endTimeUnixNano", "endTimeUnixNano must not be before startTimeUnixNano");
    }
    List<KeyValue> attrs = p.getAttributesList();
    String session = stringAttr(attrs, SESSION_ATTRIBUTE);
    if (session == null) {
      session = resourceSession != null ? resourceSession : defaultSession;
    }
    Integer http = intAttr(attrs, "http.response.status_code");
    if (http == null) {
      http = intAttr(attrs, "http.status_code");
    }
    String db = stringAttr(attrs, "db.system");
    if (db == null) {
      db = stringAttr(attrs, "db.system.name");
    }
    return new Span(traceId, spanId, parent, session, service, p.getName(), kind(p.getKindValue()),
        startNs / 1_000_000L, (endNs - startNs) / 1_000_000.0, status(p.getStatus()), http, db,
        attributesJson(attrs));
  }

  private static String id(ByteString bytes, int length, String field, boolean required) {
    if (bytes.isEmpty() && !required) {
      return null;
    }
    if (bytes.size() != length) {
      throw Refusal.badRequest(field, field + " must be " + length + " bytes (" + (length * 2) + " hex digits); got "
          + bytes.size() + " bytes");
    }
    boolean zero = true;
    for (int i = 0; i < length && zero; i++) {
      zero = bytes.byteAt(i) == 0;
    }
    if (zero) {
      if (!required) {
        return null;
      }
      throw Refusal.badRequest(field, field + " must not be all zeros");
    }
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static String kind(int kind) {
    return switch (kind) {
      case 1 -> "internal";
      case 2 -> "server";
      case 3 -> "client";
      case 4 -> "producer";
      case 5 -> "consumer";
      default -> null;
    };
  }

  private static String status(Status s) {
    return switch (s.getCodeValue()) {
      case 1 -> "ok";
      case 2 -> "error";
      default -> "unset";
    };
  }

  private static String stringAttr(List<KeyValue> attrs, String key) {
    for (KeyValue kv : attrs) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        String s = switch (v.getValueCase()) {
          case STRING_VALUE -> v.getStringValue();
          case INT_VALUE -> Long.toString(v.getIntValue());
          default -> null;
        };
        return s == null || s.isBlank() ? null : s;
      }
    }
    return null;
  }

  private static Integer intAttr(List<KeyValue> attrs, String key) {
    for (KeyValue kv : attrs) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        try {
          return switch (v.getValueCase()) {
            case INT_VALUE -> Math.toIntExact(v.getIntValue());
            case DOUBLE_VALUE -> (int) v.getDoubleValue();
            case STRING_VALUE -> Integer.valueOf(v.getStringValue().trim());
            default -> null;
          };
        } catch (ArithmeticException | NumberFormatException e) {
          return null; // a malformed status code is kept in attributes, not promoted to a column
        }
      }
    }
    return null;
  }

  private static String attributesJson(List<KeyValue> attrs) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (KeyValue kv : attrs) {
      o.set(kv.getKey(), json(kv.getValue()));
    }
    return o.toString();
  }

  private static JsonNode json(AnyValue v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (v.getValueCase()) {
      case STRING_VALUE -> f.textNode(v.getStringValue());
      case BOOL_VALUE -> f.booleanNode(v.getBoolValue());
      case INT_VALUE -> f.numberNode(v.getIntValue());
      case DOUBLE_VALUE -> Double.isFinite(v.getDoubleValue()) ? f.numberNode(v.getDoubleValue())
          : f.textNode(Double.toString(v.getDoubleValue()));
      case BYTES_VALUE -> f.textNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        ArrayNode a = f.arrayNode();
        v.getArrayValue().getValuesList().forEach(x -> a.add(json(x)));
        yield a;
      }
      case KVLIST_VALUE -> {
        ObjectNode o = f.objectNode();
        v.getKvlistValue().getValuesList().forEach(kv -> o.set(kv.getKey(), json(kv.getValue())));
        yield o;
      }
      default -> f.nullNode();
    };
  }

  /**
   * OTLP JSON to protobuf JSON: hex ids become base64 (what JsonFormat expects for bytes), and the pre-1.0
   * names {@code instrumentationLibrarySpans}/{@code instrumentationLibrary} become {@code scopeSpans}/{@code scope}.
   * Ids that are not hex of the right length are removed and remembered, so only their span is refused.
   */
  private static void normalise(ObjectNode root, Map<String, Refusal> idProblems) {
    JsonNode resourceSpans = root.get("resourceSpans");
    if (resourceSpans == null || !resourceSpans.isArray()) {
      return;
    }
    for (int r = 0; r < resourceSpans.size(); r++) {
      if (!(resourceSpans.get(r) instanceof ObjectNode rs)) {
        continue;
      }
      JsonNode legacy = rs.remove("instrumentationLibrarySpans");
      if (legacy != null && legacy.isArray()) {
        ArrayNode scopes = rs.get("scopeSpans") instanceof ArrayNode a ? a : rs.putArray("scopeSpans");
        for (JsonNode l : legacy) {
          if (l instanceof ObjectNode lo && lo.has("instrumentationLibrary")) {
            lo.set("scope", lo.remove("instrumentationLibrary"));
          }
          scopes.add(l);
        }
      }
      JsonNode scopes = rs.get("scopeSpans");
      for (int s = 0; scopes != null && scopes.isArray() && s < scopes.size(); s++) {
        JsonNode spans = scopes.get(s).get("spans");
        for (int i = 0; spans != null && spans.isArray() && i < spans.size(); i++) {
          if (!(spans.get(i) instanceof ObjectNode span)) {
            continue;
          }
          String key = r + ":" + s + ":" + i;
          hexToBase64(span, "traceId", 16, key, idProblems);
          hexToBase64(span, "spanId", 8, key, idProblems);
          hexToBase64(span, "parentSpanId", 8, key, idProblems);
          JsonNode links = span.get("links");
          for (int k = 0; links != null && links.isArray() && k < links.size(); k++) {
            if (links.get(k) instanceof ObjectNode link) {
              hexToBase64(link, "traceId", 16, null, idProblems);
              hexToBase64(link, "spanId", 8, null, idProblems);
            }
          }
        }
      }
    }
  }

  private static void hexToBase64(ObjectNode o, String field, int length, String key, Map<String, Refusal> problems) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return;
    }
    String hex = n.isTextual() ? n.asText() : "";
    if (hex.isEmpty() && !field.equals("parentSpanId") || !hex.isEmpty() && !isHex(hex, length)) {
      o.remove(field);
      if (key != null) {
        problems.putIfAbsent(key, Refusal.badRequest(field, field + " must be " + (length * 2)
            + " hex digits in OTLP JSON; got '" + Wire.truncate(n.asText()) + "'"));
      }
      return;
    }
    o.put(field, hex.isEmpty() ? "" : Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
  }

  private static boolean isHex(String s, int bytes) {
    if (s.length() != bytes * 2) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The OTLP response in protobuf: empty on full success, partial_success when spans were refused. */
  public static byte[] protobufResponse(Decoded d) {
    ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
    if (d.rejected() > 0) {
      b.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(d.rejected()).setErrorMessage(d.errorMessage()));
    }
    return b.build().toByteArray();
  }

  /** The OTLP response in JSON: {@code {}} or {@code {"partialSuccess":{"rejectedSpans":N,"errorMessage":..}}}. */
  public static byte[] jsonResponse(Decoded d) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (d.rejected() > 0) {
      Map<String, Object> ps = new LinkedHashMap<>();
      ps.put("rejectedSpans", d.rejected());
      ps.put("errorMessage", d.errorMessage());
      body.put("partialSuccess", ps);
    }
    return Json.writeBytes(body);
  }
}
