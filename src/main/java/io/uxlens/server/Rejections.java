package io.uxlens.server;

import io.uxlens.ingest.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replies for batches checked item by item (Segment's style): per-item rejections with index, field and rule. */
final class Rejections {
  private Rejections() {}

  /** Nothing in the request could be kept: 400 naming the first fault, with every rejection listed. */
  static Reply allRejected(List<Rejection> rejected) {
    Rejection first = rejected.get(0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 400);
    body.put("error", first.error());
    body.put("field", first.field());
    body.put("rejected", rejected);
    return Reply.json(400, body);
  }

  /** {@code {"accepted":N,"duplicates":D,"rejected":[...]}} plus any extra fields. */
  static Map<String, Object> summary(int accepted, int duplicates, List<Rejection> rejected) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", accepted);
    body.put("duplicates", duplicates);
    body.put("rejected", rejected);
    return body;
  }
}
