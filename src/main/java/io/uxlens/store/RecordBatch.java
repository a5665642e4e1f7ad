package io.uxlens.store;

import io.uxlens.model.Annotation;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import io.uxlens.model.Feedback;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Canonical records that one request delivered, written in one transaction of the single writer: either all are
 * stored or none. Ids already stored are skipped, so a retried request counts nothing twice.
 */
public record RecordBatch(List<Event> events, List<Span> spans, List<Measurement> measurements,
                          List<Feedback> feedback, List<Exposure> exposures, List<Annotation> annotations) {
  public static final RecordBatch EMPTY = new RecordBatch(List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of());

  public RecordBatch {
    events = List.copyOf(events);
    spans = List.copyOf(spans);
    measurements = List.copyOf(measurements);
    feedback = List.copyOf(feedback);
    exposures = List.copyOf(exposures);
    annotations = List.copyOf(annotations);
  }

  public RecordBatch withEvents(List<Event> v) {
    return new RecordBatch(v, spans, measurements, feedback, exposures, annotations);
  }

  public RecordBatch withSpans(List<Span> v) {
    return new RecordBatch(events, v, measurements, feedback, exposures, annotations);
  }

  public RecordBatch withMeasurements(List<Measurement> v) {
    return new RecordBatch(events, spans, v, feedback, exposures, annotations);
  }

  public RecordBatch withFeedback(List<Feedback> v) {
    return new RecordBatch(events, spans, measurements, v, exposures, annotations);
  }

  public RecordBatch withExposures(List<Exposure> v) {
    return new RecordBatch(events, spans, measurements, feedback, v, annotations);
  }

  public RecordBatch withAnnotations(List<Annotation> v) {
    return new RecordBatch(events, spans, measurements, feedback, exposures, v);
  }

  public int size() {
    return events.size() + spans.size() + measurements.size() + feedback.size() + exposures.size()
        + annotations.size();
  }

  /** How many records of each kind were new (the rest were already stored). */
  public record Inserted(int events, int spans, int measurements, int feedback, int exposures, int annotations) {
    public static final Inserted NONE = new Inserted(0, 0, 0, 0, 0, 0);

    public int total() {
      return events + spans + measurements + feedback + exposures + annotations;
    }
  }

  /** Queues the batch on the writer; the future completes after the commit. */
  public CompletableFuture<Inserted> writeWith(Writer writer) {
    return writer.submit(h -> new Inserted(RecordInserts.events(h, events), RecordInserts.spans(h, spans),
        RecordInserts.measurements(h, measurements), RecordInserts.feedback(h, feedback),
        ExposureStore.insert(h, exposures), RecordInserts.annotations(h, annotations)));
  }
}
