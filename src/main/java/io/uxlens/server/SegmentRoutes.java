package io.uxlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.ingest.ExposureCodec;
import io.uxlens.ingest.ExposureConfig;
import io.uxlens.ingest.FeedbackCodec;
import io.uxlens.ingest.Rejection;
import io.uxlens.ingest.SegmentCodec;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import io.uxlens.prometheus.IngestMetrics;
import io.uxlens.prometheus.RejectReason;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Segment HTTP Tracking API: /v1/batch (and /v1/import, where analytics-java posts) and single calls. */
final class SegmentRoutes {
  private final SegmentCodec codec;
  private final FeedbackCodec feedback;
  private final WriteKeys keys;
  private static final String SOURCE = "segment";
  private final Writer writer;
  private IngestGuard guard = IngestGuard.OPEN;
  private final IngestMetrics metrics;

  SegmentRoutes(SegmentCodec codec, FeedbackCodec feedback, WriteKeys keys, Writer writer, IngestMetrics metrics) {
    this.codec = codec;
    this.feedback = feedback;
    this.keys = keys;
    this.writer = writer;
    this.metrics = metrics;
  }

  /** Rate limit and PII mask applied to what this route stores. */
  SegmentRoutes guarded(IngestGuard ingestGuard) {
    this.guard = ingestGuard;
    return this;
  }

  void register(Router router) {
    router.add("POST", "/v1/batch", counted(this::batch));
    router.add("POST", "/v1/import", counted(this::batch));
    for (String type : SegmentCodec.TYPES) {
      router.add("POST", "/v1/" + type, counted(call -> single(call, type)));
    }
  }

  private Route counted(Route route) {
    return IngestCounting.counted(metrics, SOURCE, route);
  }

  private Reply batch(HttpCall call) {
    JsonNode body = call.jsonBody(Limits.SEGMENT_BATCH_BYTES, "batch");
    keys.check(call, writeKey(body));
    SegmentCodec.Decoded decoded;
    decoded = codec.decodeBatch(body, System.currentTimeMillis(), Limits.SEGMENT_BATCH_EVENTS);
    return store(call, decoded.events(), decoded.rejected());
  }

  private Reply single(HttpCall call, String type) {
    JsonNode body = call.jsonBody(Limits.SEGMENT_EVENT_BYTES, "single event");
    keys.check(call, writeKey(body));
    Event event;
    event = codec.decodeSingle(body, type, System.currentTimeMillis());
    return store(call, List.of(event), List.of());
  }

  /**
   * Stores the events and, in the same transaction, the feedback that survey and feedback track events carry and
   * the experiment exposures that `Experiment Viewed` events carry, so an acknowledged event is never only half
   * recorded.
   */
  private Reply store(HttpCall call, List<Event> events, List<Rejection> rejected) {
    metrics.rejected(SOURCE, RejectReason.INVALID_RECORD, rejected.size());
    FeedbackCodec.Decoded fb = feedback.fromSegment(events);
    List<Exposure> exposures = ExposureCodec.fromEvents(events, ExposureConfig.SEGMENT);
    RecordBatch.Inserted n;
    try {
      n = DurableWrite.commit(writer, guard.admit(call,
          RecordBatch.EMPTY.withEvents(events).withFeedback(fb.items()).withExposures(exposures)));
    } catch (Refusal e) {
      metrics.rejected(SOURCE, DurableWrite.reason(e.status()), events.size());
      throw e;
    }
    metrics.accepted(SOURCE, "events", n.events());
    metrics.duplicates(SOURCE, "events", events.size() - n.events());
    metrics.accepted(SOURCE, "feedback", n.feedback());
    metrics.accepted(SOURCE, "exposures", n.exposures());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("accepted", n.events());
    body.put("duplicates", events.size() - n.events());
    body.put("rejected", rejected);
    if (!fb.items().isEmpty() || !fb.rejected().isEmpty()) {
      body.put("feedback", Rejections.summary(n.feedback(), fb.items().size() - n.feedback(), fb.rejected()));
    }
    return Reply.json(body);
  }

  private static String writeKey(JsonNode body) {
    JsonNode k = body == null ? null : body.get("writeKey");
    return k != null && k.isTextual() ? k.asText() : null;
  }
}
