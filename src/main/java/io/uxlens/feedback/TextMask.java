package io.uxlens.feedback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it is shown: e-mail addresses, card-like digit runs (13 or more digits,
 * single spaces or dashes allowed between them) and phone numbers (7 to 15 digits with the usual separators).
 * Masks hold no letters or digits, so masked text neither leaks a digit nor feeds a word to theme extraction.
 * Errs on the side of masking: an 8-digit order number is masked like a phone number; calendar dates are kept.
 */
public final class TextMask {
  public static final String EMAIL = "***@***";
  public static final String CARD = "****-****-****-****";
  public static final String PHONE = "***-***-****";

  private static final Pattern EMAIL_PATTERN = Pattern.compile(
      "[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern CARD_PATTERN = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){12,}(?!\\d)");
  private static final Pattern PHONE_PATTERN = Pattern.compile(
      "(?<!\\d)(?:\\+|\\()?\\d[\\d ().-]{5,}\\d(?!\\d)");
  private static final Pattern DATE = Pattern.compile(
      "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
  private static final int PHONE_MIN_DIGITS = 7;
  private static final int PHONE_MAX_DIGITS = 15;

  private TextMask() {}

  /** The text with e-mail addresses, card-like numbers and phone numbers replaced; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // most feedback has no '@' and few digits: skip the patterns that cannot match (masking every complaint of
    // two sprints ran each of them over every text)
    String out = text.indexOf('@') < 0 ? text
        : EMAIL_PATTERN.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
    if (asciiDigits(out) < PHONE_MIN_DIGITS) { // a card has 13 or more
      return out;
    }
    out = CARD_PATTERN.matcher(out).replaceAll(Matcher.quoteReplacement(CARD));
    Matcher m = PHONE_PATTERN.matcher(out);
    StringBuilder sb = new StringBuilder(out.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(phone(m.group()) ? PHONE : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The digits the patterns' {@code \\d} matches: ASCII only. */
  private static int asciiDigits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      n += c >= '0' && c <= '9' ? 1 : 0;
    }
    return n;
  }

  private static boolean phone(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS && !DATE.matcher(candidate.strip()).matches();
  }
}
