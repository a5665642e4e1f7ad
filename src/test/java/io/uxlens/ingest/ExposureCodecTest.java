package io.uxlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exposures read from events decoded by the real Segment codec, as the ingest route will produce them. */
class ExposureCodecTest {
  private static final String BATCH = """
      {"batch": [
        {"type": "track", "event": "Experiment Viewed", "userId": "u1", "anonymousId": "anon-1",
         "properties": {"experiment_id": "import-progress-bar", "variant_id": "B", "session_id": "s1"},
         "timestamp": "2026-11-02T10:00:00Z", "messageId": "m1"},
        {"type": "track", "event": "Experiment Viewed", "anonymousId": "anon-2",
         "properties": {"experiment_id": 42, "variant_id": "A"}, "timestamp": "2026-11-02T10:05:00Z"},
        {"type": "track", "event": "Experiment Viewed", "userId": "u3", "properties": {"experiment_id": "x"}},
        {"type": "track", "event": "Experiment Viewed", "userId": "u4",
         "properties": {"experiment_id": " ", "variant_id": "A"}},
        {"type": "track", "event": "Experiment Viewed", "userId": "u5",
         "properties": {"experiment_id": {"nested": 1}, "variant_id": "A"}},
        {"type": "track", "event": "Import Started", "userId": "u1",
         "properties": {"experiment_id": "import-progress-bar", "variant_id": "B"}},
        {"type": "page", "name": "Experiment Viewed", "userId": "u1",
         "properties": {"experiment_id": "import-progress-bar", "variant_id": "B"}}
      ]}""";

  @Test
  void readsOnlyWellFormedExposureTracks() throws Exception {
    SegmentCodec segment = new SegmentCodec(32 * 1024, SegmentCodec.DEFAULT_SESSION_PATHS);
    List<Event> events = segment.decodeBatch(Json.MAPPER.readTree(BATCH), System.currentTimeMillis(), 100).events();
    assertThat(events).hasSize(7);

    List<Exposure> exposures = ExposureCodec.fromEvents(events, ExposureConfig.SEGMENT);
    assertThat(exposures).containsExactly(
        new Exposure("import-progress-bar", "B", "u1", "s1", Instant.parse("2026-11-02T10:00:00Z").toEpochMilli()),
        new Exposure("42", "A", "anon-2", null, Instant.parse("2026-11-02T10:05:00Z").toEpochMilli()));
  }

  @Test
  void propertyAndEventNamesAreConfigurable() {
    Event e = new Event("m9", "segment", "track", "Flag Evaluated", 1000L, 1000L, null, "anon-9", "s9",
        "{\"flag\": \"new-import\", \"value\": \"on\"}", "{}");
    ExposureConfig flags = new ExposureConfig("Flag Evaluated", "flag", "value");
    assertThat(ExposureCodec.fromEvent(e, flags))
        .contains(new Exposure("new-import", "on", "anon-9", "s9", 1000L));
    assertThat(ExposureCodec.fromEvent(e, ExposureConfig.SEGMENT)).isEmpty();
  }

  @Test
  void brokenPropertiesTextIsNotAnExposure() {
    Event e = new Event("m8", "segment", "track", "Experiment Viewed", 1L, 1L, "u", null, null, "{not json", "{}");
    assertThat(ExposureCodec.fromEvent(e, ExposureConfig.SEGMENT)).isEmpty();
  }
}
