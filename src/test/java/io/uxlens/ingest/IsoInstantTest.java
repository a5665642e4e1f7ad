package io.uxlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-shape timestamp reader against {@code java.time}'s parsers, which decided before it existed: every text
 * must give the same instant or the same refusal.
 */
class IsoInstantTest {
  @Test
  void plainShapesAreReadWithoutTheGeneralParserAndAgreeWithIt() {
    List<String> plain = new ArrayList<>(List.of("2026-05-01T10:00:00Z", "2026-05-01T10:00:00.1Z",
        "2026-05-01T10:00:00.123456789Z", "2024-02-29T23:59:59.999+01:00", "1969-12-31T23:59:59.999Z",
        "1900-01-01T00:00:00.5-05:30", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+18:00",
        "2026-05-01T10:00:00-18:00", "2026-05-01T10:00:00-00:00"));
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      plain.add(randomPlain(random));
    }
    for (String s : plain) {
      assertThat(IsoInstant.epochMillis(s)).as(s).isNotEqualTo(IsoInstant.NOT_PLAIN).isEqualTo(reference(s));
      assertThat(Wire.isoTime(s, "timestamp")).as(s).isEqualTo(reference(s));
    }
  }

  @Test
  void otherTextsGoToTheGeneralParserWithTheSameOutcome() {
    List<String> other = List.of("2026-05-01T10:00Z", "2026-05-01t10:00:00z", "2026-05-01T10:00:00+01:00:30",
        "+12026-05-01T10:00:00Z", "2026-05-01T23:59:60Z", "2026-05-01T24:00:00Z", "2026-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-05-01T10:00:00.Z",
        "2026-05-01T10:00:00.1234567890Z", "2026-05-01T10:00:00+19:00", "2026-05-01T10:00:00+18:01",
        "2026-05-01T10:00:00+0100", "2026-05-01T10:00:00", "2026-05-01 10:00:00Z", "2026-05-01T10:00:00ZZ",
        "2026-05-01T1a:00:00Z", "2026-05-01T10:60:00Z", "", "yesterday", "2026-05-01T10:00:00+01:60",
        "2026-05-01T10:00:00.123+01:00x", "٢٠٢٦-05-01T10:00:00Z");
    for (String s : other) {
      assertThat(IsoInstant.epochMillis(s)).as(s).isEqualTo(IsoInstant.NOT_PLAIN);
      Long expected = referenceOrNull(s);
      if (expected == null) {
        assertThatThrownBy(() -> Wire.isoTime(s, "timestamp")).as(s).isInstanceOf(Refusal.class)
            .hasMessageContaining("timestamp must be an ISO-8601 date-time");
      } else {
        assertThat(Wire.isoTime(s, "timestamp")).as(s).isEqualTo(expected);
      }
    }
  }

  private static String randomPlain(Random r) {
    int year = 1900 + r.nextInt(300);
    int month = 1 + r.nextInt(12);
    int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
    StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
        r.nextInt(24), r.nextInt(60), r.nextInt(60)));
    int fraction = r.nextInt(10);
    if (fraction > 0) {
      sb.append('.');
      for (int i = 0; i < fraction; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextBoolean()) {
      sb.append('Z');
    } else {
      int hours = r.nextInt(18);
      sb.append(r.nextBoolean() ? '+' : '-').append(String.format("%02d:%02d", hours, r.nextInt(60)));
    }
    return sb.toString();
  }

  private static long reference(String s) {
    Long v = referenceOrNull(s);
    assertThat(v).as("java.time reads %s", s).isNotNull();
    return v;
  }

  private static Long referenceOrNull(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
