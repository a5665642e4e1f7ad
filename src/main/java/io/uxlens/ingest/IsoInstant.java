package io.uxlens.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The common shape of client timestamps, {@code 2026-05-01T10:00:00.123Z} or with a {@code +01:00} offset, read
 * without {@code java.time}'s general parser (most of a Segment message's decode time). Only that plain shape with
 * valid fields is read here; every other text is left to {@code OffsetDateTime.parse}, so the accepted texts and their
 * instants are the same as before.
 */
final class IsoInstant {
  /** Returned when the text is not in the plain shape (or not a valid date-time): parse it the general way. */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  private IsoInstant() {}

  /** Epoch milliseconds of a plain ISO-8601 date-time with offset, or {@link #NOT_PLAIN}. */
  static long epochMillis(String s) {
    int n = s.length();
    // yyyy-MM-ddTHH:mm:ss then an optional fraction of 1 to 9 digits, then Z or +HH:MM / -HH:MM
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return NOT_PLAIN;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return NOT_PLAIN;
    }
    int i = 19;
    int millis = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
        if (i - start < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return NOT_PLAIN;
      }
      for (int k = count; k < 3; k++) {
        millis *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59 || oh > 18 || (oh == 18 && om > 0)) {
        return NOT_PLAIN;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return NOT_PLAIN;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return NOT_PLAIN; // e.g. 31 April: the general parser words the refusal
    }
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1000L + millis;
  }

  /** The unsigned decimal of {@code count} digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
