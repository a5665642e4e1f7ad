package io.uxlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.ingest.AnnotationCodec;
import io.uxlens.ingest.FeedbackCodec;
import io.uxlens.model.Annotation;
import io.uxlens.prometheus.IngestMetrics;
import io.uxlens.prometheus.RejectReason;
import io.uxlens.store.AnnotationReads;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Feedback ingest and annotations (deploys, incidents, notes): write with a write key, list with the read token. */
final class FeedbackRoutes {
  private final IngestMetrics metrics;
  static final String FEEDBACK_PATH = "/api/v1/feedback";
  static final String ANNOTATIONS_PATH = "/api/v1/annotations";
  static final int MAX_LISTED = 5_000;
  private static final long DEFAULT_RANGE_MS = 7L * 24 * 3600 * 1000;

  private final FeedbackCodec feedback;
  private final AnnotationCodec annotations;
  private final WriteKeys keys;
  private final ReadToken readToken;
  private final Writer writer;
  private IngestGuard guard = IngestGuard.OPEN;
  private final AnnotationReads annotationReads;

  FeedbackRoutes(FeedbackCodec feedback, AnnotationCodec annotations, WriteKeys keys, ReadToken readToken,
      Writer writer, Store store, IngestMetrics metrics) {
    this.metrics = metrics;
    this.feedback = feedback;
    this.annotations = annotations;
    this.keys = keys;
    this.readToken = readToken;
    this.writer = writer;
    this.annotationReads = new AnnotationReads(store.jdbi());
  }

  /** Rate limit and PII mask applied to what this route stores. */
  FeedbackRoutes guarded(IngestGuard ingestGuard) {
    this.guard = ingestGuard;
    return this;
  }

  void register(Router router) {
    router.add("POST", FEEDBACK_PATH, IngestCounting.counted(metrics, "feedback", this::postFeedback));
    router.add("POST", ANNOTATIONS_PATH, IngestCounting.counted(metrics, "annotations", this::postAnnotations));
    router.add("GET", ANNOTATIONS_PATH, this::listAnnotations);
  }

  private Reply postFeedback(HttpCall call) {
    JsonNode body = call.jsonBody(Limits.JSON_BODY_BYTES, "JSON body");
    keys.check(call, writeKey(body));
    FeedbackCodec.Decoded d;
    d = feedback.decodeBatch(body);
    if (d.items().isEmpty()) {
      return Rejections.allRejected(d.rejected());
    }
    int inserted = DurableWrite.commit(writer, guard.admit(call, RecordBatch.EMPTY.withFeedback(d.items())))
        .feedback();
    count("feedback", "feedback", inserted, d.items().size(), d.rejected().size());
    Map<String, Object> reply = Rejections.summary(inserted, d.items().size() - inserted, d.rejected());
    reply.put("ids", d.items().stream().map(f -> f.id()).toList());
    return Reply.json(reply);
  }

  private Reply postAnnotations(HttpCall call) {
    JsonNode body = call.jsonBody(Limits.JSON_BODY_BYTES, "JSON body");
    keys.check(call, writeKey(body));
    AnnotationCodec.Decoded d;
    d = annotations.decode(body);
    if (d.items().isEmpty()) {
      if (!d.batch()) {
        throw Refusal.badRequest(d.rejected().get(0).field(), d.rejected().get(0).error());
      }
      return Rejections.allRejected(d.rejected());
    }
    int inserted = DurableWrite.commit(writer, guard.admit(call, RecordBatch.EMPTY.withAnnotations(d.items())))
        .annotations();
    count("annotations", "annotations", inserted, d.items().size(), d.rejected().size());
    Map<String, Object> reply = Rejections.summary(inserted, d.items().size() - inserted, d.rejected());
    reply.put("ids", d.items().stream().map(Annotation::id).toList());
    return Reply.json(reply);
  }

  private void count(String source, String kind, int inserted, int offered, int rejected) {
    metrics.accepted(source, kind, inserted);
    metrics.duplicates(source, kind, offered - inserted);
    metrics.rejected(source, RejectReason.INVALID_RECORD, rejected);
  }

  private Reply listAnnotations(HttpCall call) throws java.io.IOException {
    readToken.check(call);
    long to = time(call, "to", System.currentTimeMillis());
    long from = time(call, "from", to - DEFAULT_RANGE_MS);
    if (from > to) {
      throw Refusal.badRequest("from", "from must not be after to");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Annotation a : annotationReads.overlapping(from, to, MAX_LISTED)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("time", a.time());
      m.put("timeEnd", a.timeEnd());
      m.put("title", a.title());
      m.put("text", a.text());
      m.put("tags", io.uxlens.json.Json.MAPPER.readTree(a.tags()));
      m.put("source", a.source());
      out.add(m);
    }
    return Reply.json(Map.of("annotations", out));
  }

  /** A query time as epoch milliseconds or ISO-8601. */
  private static long time(HttpCall call, String name, long fallback) {
    String v = call.query(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      try {
        return OffsetDateTime.parse(v.trim()).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        try {
          return Instant.parse(v.trim()).toEpochMilli();
        } catch (DateTimeParseException e3) {
          throw Refusal.badRequest(name, name + " must be epoch milliseconds or an ISO-8601 date-time; got '"
              + v + "'");
        }
      }
    }
  }

  private static String writeKey(JsonNode body) {
    JsonNode k = body != null && body.isObject() ? body.get("writeKey") : null;
    return k != null && k.isTextual() ? k.asText() : null;
  }
}
