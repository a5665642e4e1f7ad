package io.uxlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.Refusal;
import io.uxlens.model.Event;
import io.uxlens.model.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grafana Faro collector payloads (docs/CONTRACTS.md "Grafana Faro collector", @grafana/faro-core's {@code TransportBody}) to canonical records:
 * events and exceptions become events (exceptions named {@value #EXCEPTION_EVENT}), each value of a measurement
 * becomes one measurement, and {@code traces} (OTLP JSON) become spans. {@code meta} gives session, user and the
 * context (app, page, browser, view...) every record carries; a {@value #SESSION_LINK} session attribute links the
 * records to the Segment session of the same visit.
 */
public final class FaroCodec {
  public static final String SOURCE = "faro";
  public static final String EXCEPTION_EVENT = Event.BROWSER_EXCEPTION;
  /** The Faro session attribute that files a page's records under the session id its Segment events carry. */
  public static final String SESSION_LINK = "session_id";
  private static final Set<String> MILLISECOND_VITALS = Set.of("lcp", "fcp", "inp", "ttfb", "fid");
  private static final int MAX_NAME = 200;

  private final OtlpCodec otlp;

  public FaroCodec(OtlpCodec otlp) {
    this.otlp = otlp;
  }

  /** Everything a payload held that could be kept, what was refused, and what was ignored (logs). */
  public record Decoded(String sessionId, List<Event> events, List<Measurement> measurements,
      OtlpCodec.Decoded traces, List<Rejection> rejected, int ignoredLogs) {}


  public Decoded decode(JsonNode body, long receivedAt) {
    if (body == null || !body.isObject()) {
      throw Refusal.badRequest("body", "a Faro payload must be a JSON object {meta, events?, measurements?, "
          + "exceptions?, logs?, traces?}");
    }
    JsonNode meta = body.get("meta");
    if (meta == null || !meta.isObject()) {
      throw Refusal.badRequest("meta", "meta is required and must be an object");
    }
    String session = linkedSession(meta);
    String user = metaText(meta, "user", "id");
    ObjectNode context = context((ObjectNode) meta);
    List<Rejection> rejected = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<Measurement> measurements = new ArrayList<>();

    JsonNode evs = array(body, "events");
    for (int i = 0; i < evs.size(); i++) {
      try {
        events.add(event(evs.get(i), session, user, context, receivedAt));
      } catch (Refusal e) {
        rejected.add(Rejection.of(i, "events[" + i + "]", e));
      }
    }
    JsonNode exs = array(body, "exceptions");
    for (int i = 0; i < exs.size(); i++) {
      try {
        events.add(exception(exs.get(i), session, user, context, receivedAt));
      } catch (Refusal e) {
        rejected.add(Rejection.of(i, "exceptions[" + i + "]", e));
      }
    }
    JsonNode ms = array(body, "measurements");
    for (int i = 0; i < ms.size(); i++) {
      measurements(ms.get(i), i, session, context, measurements, rejected);
    }
    OtlpCodec.Decoded traces = OtlpCodec.Decoded.EMPTY;
    JsonNode tr = body.get("traces");
    if (tr != null && !tr.isNull()) {
      try {
        traces = otlp.decodeJson(tr, session);
      } catch (Refusal e) {
        rejected.add(new Rejection(0, "traces", e.getMessage()));
      }
      if (traces.rejected() > 0) {
        rejected.add(new Rejection(0, "traces", traces.errorMessage()));
      }
    }
    return new Decoded(session, events, measurements, traces, rejected, array(body, "logs").size());
  }

  private static Event event(JsonNode n, String session, String user, ObjectNode context, long receivedAt) {
    requireObject(n);
    String name = Wire.text(n, "name", "name", MAX_NAME);
    if (name == null) {
      throw Refusal.badRequest("name", "name is required and must be a non-empty string");
    }
    long ts = Wire.requiredTime(n, "timestamp", "timestamp");
    ObjectNode props = n.get("attributes") instanceof ObjectNode a ? a.deepCopy() : context.objectNode();
    if (n.hasNonNull("attributes") && !n.get("attributes").isObject()) {
      throw Refusal.badRequest("attributes", "attributes must be an object of strings");
    }
    String domain = Wire.text(n, "domain", "domain", MAX_NAME);
    if (domain != null) {
      props.put("domain", domain);
    }
    copyTrace(n, props);
    String id = Wire.hashId("faro-", session, user, "event", name, ts, props);
    return new Event(id, SOURCE, "track", name, ts, receivedAt, user, anonymous(session, user), session,
        props.toString(), context.toString());
  }

  private static Event exception(JsonNode n, String session, String user, ObjectNode context, long receivedAt) {
    requireObject(n);
    String type = Wire.text(n, "type", "type", MAX_NAME);
    if (type == null) {
      throw Refusal.badRequest("type", "type is required and must be a non-empty string");
    }
    JsonNode value = n.get("value");
    if (value == null || !value.isTextual()) {
      throw Refusal.badRequest("value", "value is required and must be a string");
    }
    long ts = Wire.requiredTime(n, "timestamp", "timestamp");
    ObjectNode props = context.objectNode();
    props.put("type", type);
    props.put("value", value.asText());
    if (n.has("fatal") && n.get("fatal").isBoolean()) {
      props.put("fatal", n.get("fatal").asBoolean());
    }
    String fingerprint = Wire.text(n, "fingerprint", "fingerprint", 500);
    if (fingerprint != null) {
      props.put("fingerprint", fingerprint);
    }
    JsonNode frames = n.path("stacktrace").path("frames");
    if (frames.isArray() && !frames.isEmpty() && frames.get(0).isObject()) {
      // Faro lists frames innermost first: the first one is where the error was thrown.
      ObjectNode top = props.putObject("frame");
      for (String k : new String[] {"filename", "function", "lineno", "colno"}) {
        if (frames.get(0).hasNonNull(k)) {
          top.set(k, frames.get(0).get(k));
        }
      }
      props.put("frames", frames.size());
    }
    if (n.get("context") instanceof ObjectNode c) {
      props.set("context", c);
    }
    copyTrace(n, props);
    String id = Wire.hashId("faro-", session, user, "exception", type, value.asText(), ts);
    return new Event(id, SOURCE, "track", EXCEPTION_EVENT, ts, receivedAt, user, anonymous(session, user), session,
        props.toString(), context.toString());
  }

  private static void measurements(JsonNode n, int i, String session, ObjectNode context, List<Measurement> out,
      List<Rejection> rejected) {
    String prefix = "measurements[" + i + "]";
    try {
      requireObject(n);
      String type = Wire.text(n, "type", "type", MAX_NAME);
      if (type == null) {
        throw Refusal.badRequest("type", "type is required and must be a non-empty string");
      }
      long ts = Wire.requiredTime(n, "timestamp", "timestamp");
      JsonNode values = n.get("values");
      if (values == null || !values.isObject() || values.isEmpty()) {
        throw Refusal.badRequest("values", "values is required and must be a non-empty object of name: number");
      }
      ObjectNode ctx = context.deepCopy();
      ctx.put("type", type);
      if (n.get("context") instanceof ObjectNode c) {
        ctx.set("context", c);
      }
      copyTrace(n, ctx);
      for (Map.Entry<String, JsonNode> v : values.properties()) {
        String name = v.getKey();
        if (!v.getValue().isNumber() || !Double.isFinite(v.getValue().doubleValue()) || name.isBlank()) {
          rejected.add(new Rejection(i, prefix + ".values." + name, "each value must be a finite number"));
          continue;
        }
        double value = v.getValue().doubleValue();
        out.add(new Measurement(Wire.hashId("m-", session, name, ts, value), session, name, value, unit(name), ts,
            ctx.toString()));
      }
    } catch (Refusal e) {
      rejected.add(Rejection.of(i, prefix, e));
    }
  }

  private static String unit(String name) {
    return MILLISECOND_VITALS.contains(name) || name.endsWith("_ms") ? "ms" : null;
  }

  /**
   * The session records are filed under: the page's own session id for the visit ({@value #SESSION_LINK} among
   * Faro's session attributes, the id its Segment events carry) when it sets one, else Faro's session id. Records
   * of one session id are one session to the journeys, whichever source sent them.
   */
  private static String linkedSession(JsonNode meta) {
    JsonNode linked = meta.path("session").path("attributes").path(SESSION_LINK);
    if (linked.isMissingNode() || linked.isNull()) {
      return metaText(meta, "session", "id");
    }
    if (!linked.isTextual() || linked.asText().isBlank()) {
      throw Refusal.badRequest("meta.session.attributes." + SESSION_LINK,
          "meta.session.attributes." + SESSION_LINK + " must be a non-empty string (the session id to link to)");
    }
    return linked.asText();
  }

  /**
   * The meta a record should carry: everything but user identity (stored in columns) and the session id (a
   * column too; Faro's own id stays here when the page linked the records to its own session id).
   */
  private static ObjectNode context(ObjectNode meta) {
    ObjectNode c = meta.deepCopy();
    c.remove("user");
    JsonNode sessionAttrs = meta.path("session").path("attributes");
    c.remove("session");
    if (sessionAttrs.isObject()) {
      ObjectNode session = c.putObject("session");
      session.set("attributes", sessionAttrs);
      if (sessionAttrs.has(SESSION_LINK) && meta.path("session").path("id").isTextual()) {
        session.put("faro_id", meta.path("session").path("id").asText());
      }
    }
    return c;
  }

  /** The trace a record happened in, and the user action (click, navigation) Faro attributes it to. */
  private static void copyTrace(JsonNode n, ObjectNode props) {
    JsonNode action = n.path("action").path("name");
    if (action.isTextual()) {
      props.put("action", action.asText());
    }
    JsonNode trace = n.get("trace");
    if (trace != null && trace.isObject()) {
      if (trace.path("trace_id").isTextual()) {
        props.put("trace_id", trace.get("trace_id").asText());
      }
      if (trace.path("span_id").isTextual()) {
        props.put("span_id", trace.get("span_id").asText());
      }
    }
  }

  /** Events need an identity: the user id, else the Faro session id stands in as the anonymous id. */
  private static String anonymous(String session, String user) {
    if (session == null && user == null) {
      throw Refusal.badRequest("meta.session.id", "meta.session.id or meta.user.id is required to attribute events");
    }
    return user == null ? session : null;
  }

  private static void requireObject(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw Refusal.badRequest("", "each item must be a JSON object");
    }
  }

  private static JsonNode array(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw Refusal.badRequest(name, name + " must be an array");
    }
    return n;
  }

  private static String metaText(JsonNode meta, String object, String field) {
    JsonNode n = meta.path(object).path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isTextual() && !n.isIntegralNumber()) {
      throw Refusal.badRequest("meta." + object + "." + field, "meta." + object + "." + field
          + " must be a string");
    }
    return n.asText().isBlank() ? null : n.asText();
  }
}
