package io.uxlens.model;

import ua_parser.CachingParser;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * A user-agent string to its browser family ("Chrome", "Firefox", "Mobile Safari", "Edge"...), with the uap-core
 * rules (ua-parser). The family only, not the version: versions would split a dimension into hundreds of small
 * segments. Parsing is cached (a population shows few distinct strings), because the sessionizer derives the
 * dimension each time it reads an event.
 */
public final class Browsers {
  /** What ua-parser names a string it does not recognise; kept as a value, since the string was there. */
  public static final String OTHER = "Other";

  private Browsers() {}

  /** The family, or null for a missing or blank string. */
  public static String family(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return null;
    }
    UserAgent ua = Holder.PARSER.parseUserAgent(userAgent);
    return ua == null || ua.family == null || ua.family.isBlank() ? OTHER : ua.family;
  }

  /** Loaded on first use: reading the rules file takes a few hundred milliseconds. */
  private static final class Holder {
    static final Parser PARSER = new CachingParser();
  }
}
