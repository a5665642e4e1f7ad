package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.ingest.FeedbackCodec;
import io.uxlens.ingest.OtlpCodec;
import io.uxlens.ingest.SegmentCodec;
import java.io.IOException;
import java.util.List;

/**
 * {@code --dry-run}: each request is checked by the server's own codecs, in this process, and nothing is sent.
 * Using the server's codecs (its only dependency on server code) means the same rules and the same words as a
 * real import; only dedupe, which needs the store, is not judged.
 */
final class DryRunDestination implements Destination {
  private static final int SEGMENT_EVENT_BYTES = 32 * 1024;
  private final SegmentCodec segment = new SegmentCodec(SEGMENT_EVENT_BYTES, SegmentCodec.DEFAULT_SESSION_PATHS);
  private final FeedbackCodec feedback = new FeedbackCodec(text -> 0.0);
  private final OtlpCodec otlp = new OtlpCodec();

  @Override
  public Answer send(Format format, List<RowMapper.Mapped> records) throws BatchRefused {
    JsonNode body;
    try {
      body = Jsons.MAPPER.readTree(Destination.body(format, records));
    } catch (IOException e) {
      throw new BatchRefused(400, "body", "invalid JSON: " + e.getMessage());
    }
    try {
      if (format == Format.OTLP) {
        OtlpCodec.Decoded d = otlp.decodeJson(body, null);
        return Answer.fromOtlp(records.get(0).units(), d.rejected(), d.errorMessage());
      }
      if (format == Format.FEEDBACK_CSV) {
        FeedbackCodec.Decoded d = feedback.decodeBatch(body);
        return items(d.items().size(), d.rejected());
      }
      SegmentCodec.Decoded d = segment.decodeBatch(body, System.currentTimeMillis(), format.maxItems);
      return items(d.events().size(), d.rejected());
    } catch (RuntimeException e) {
      // the codecs refuse a whole body with an unchecked exception carrying the server's words
      throw new BatchRefused(400, "body", e.getMessage());
    }
  }

  private static Answer items(int valid, List<io.uxlens.ingest.Rejection> rejected) {
    return new Answer(valid, 0, rejected.stream()
        .map(r -> new Answer.Refusal(r.index(), Answer.itemField(r.field()), r.error(), 1)).toList());
  }
}
