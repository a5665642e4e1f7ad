package io.uxlens.demo;

import java.util.SplittableRandom;

/**
 * Who the sessions belong to. A user's device, country and experiment variant follow from the seed and the user
 * id alone, so a returning user keeps them whatever order sessions are generated in.
 */
final class Users {
  static final String EXPERIMENT = "import-progress-bar";
  private static final String[] COUNTRIES = {"DE", "FR", "GB", "US", "NL", "ES"};
  private static final double[] COUNTRY_WEIGHTS = {0.30, 0.18, 0.20, 0.17, 0.08, 0.07};
  private static final String[] LOCALES = {"de-DE", "fr-FR", "en-GB", "en-US", "nl-NL", "es-ES"};

  private Users() {}

  /** {@code variant} is the user's arm of the import-progress-bar experiment: A (control) or B. */
  record User(String id, String device, String os, String country, String locale, String variant) {}

  static User of(long seed, String id, double mobileShare) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ id.hashCode());
    boolean mobile = r.nextDouble() < mobileShare;
    String os = mobile ? (r.nextDouble() < 0.55 ? "iOS" : "Android")
        : (r.nextDouble() < 0.7 ? "Windows" : "macOS");
    double u = r.nextDouble();
    int c = 0;
    for (double acc = COUNTRY_WEIGHTS[0]; u > acc && c < COUNTRIES.length - 1; acc += COUNTRY_WEIGHTS[++c]) {
      // walk the cumulative weights
    }
    String variant = r.nextDouble() < 0.5 ? "A" : "B";
    return new User(id, mobile ? "mobile" : "desktop", os, COUNTRIES[c], LOCALES[c], variant);
  }
}
