package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSpansCodecTest {
  static final long START = 1_777_629_600_000L;

  @Test
  void spansComeBackAsTheTimingsTheyWere() {
    List<Span> spans = List.of(
        span("api", "GET /a", START, 12.345678901, "ok", 200),
        span(null, "no service", START + 5, 0, "unset", null),
        span("api", "GET /a", START + 70_000, 1e7, "error", 503),
        span("db", "SELECT", START - 3, 0.5, "STATUS_CODE_OTHER", null), // before the start, unknown status
        span("db", "SELECT", START + (1L << 40), Double.MIN_VALUE, "ok", 0),
        // no length bounds a span name: past DataOutput.writeUTF's 64 KB, and not only ASCII
        span("api", "GET /" + "\u00e9".repeat(40_000), START + 9, 3, "ok", 200));
    byte[] bytes = WindowSpansCodec.encode(spans, START);
    assertThat(WindowSpansCodec.decode(bytes, "s1", START)).isEqualTo(spans);
    // an operation's text is written once (1 byte of length for a short name): each further span of it takes its index, offset, duration, status and
    // HTTP status (1 + 1 + 8 + 1 + 2 bytes here)
    List<Span> one = List.of(span("api", "GET /a", START, 1, "ok", 200));
    List<Span> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> span("api", "GET /a", START + i, 1, "ok",
        200)).toList();
    assertThat(WindowSpansCodec.encode(ten, START).length - WindowSpansCodec.encode(one, START).length)
        .isEqualTo(9 * 13);
    assertThat(WindowSpansCodec.decode(WindowSpansCodec.encode(List.of(), START), "s1", START)).isEmpty();
    assertThat(WindowSpansCodec.decode(null, "s1", START)).isNull();
  }

  @Test
  void unknownVersionsAndCutDataAreRefused() {
    byte[] bytes = WindowSpansCodec.encode(List.of(span("api", "GET /a", START, 1, "ok", 200)), START);
    byte[] newer = bytes.clone();
    newer[0] = 2;
    assertThatThrownBy(() -> WindowSpansCodec.decode(newer, "s1", START)).isInstanceOf(StoreException.class)
        .hasMessageContaining("version 2");
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> WindowSpansCodec.decode(cut, "s1", START)).isInstanceOf(StoreException.class);
    // a count no data this short can hold (2^62 operations) is refused, not allocated
    byte[] huge = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, 0x40};
    assertThatThrownBy(() -> WindowSpansCodec.decode(huge, "s1", START)).isInstanceOf(StoreException.class)
        .hasMessageContaining("a count of");
  }

  private static Span span(String service, String name, long start, double ms, String status, Integer http) {
    return new Span("t", "s", null, "s1", service, name, null, start, ms, status, http, "postgresql", "{\"a\":1}")
        .timing();
  }
}
