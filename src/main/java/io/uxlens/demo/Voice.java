package io.uxlens.demo;

import java.util.List;
import java.util.Locale;

/**
 * What users say after a session. The score follows the experience (a smooth session mostly gives a promoter, a
 * painful one mostly a detractor: about NPS 30 overall), and comments name what actually went wrong, so the pain
 * points UX Lens finds are the ones planted in the data: slow import, confusing errors, payment declined.
 */
final class Voice {
  /** What went wrong in a session, if anything; the first non-null theme drives the comment. */
  enum Theme {
    SLOW_IMPORT, CONFUSING_ERRORS, PAYMENT_DECLINED, CHECKOUT_ERROR, EMAIL_VERIFICATION, DOCUMENTS, SLOW_REVIEW, NONE
  }

  static final double SURVEY_SHARE = 0.12;

  private static final List<String> SLOW_IMPORT = List.of(
      "Slow import: %s rows took forever and I gave up.",
      "The import is so slow, importing our catalogue takes ages.",
      "Slow import again, the upload spins for minutes with no progress shown.",
      "Really slow import for a big catalogue, we could not finish setting up.",
      "Waited ages for the import of %s products, such a slow import.");
  private static final List<String> CONFUSING_ERRORS = List.of(
      "Confusing error: Row Rejected E_ROW_0x1F, what does that even mean?",
      "The import shows a confusing error, no idea what is wrong.",
      "Confusing error messages during the import, it only says Row Rejected.",
      "Another confusing error with no hint what to change.");
  private static final List<String> PAYMENT_DECLINED = List.of(
      "My payment was declined twice although the card works everywhere else.",
      "Payment declined for no reason, very frustrating.",
      "Payment declined again and again, I bought elsewhere.",
      "Payment declined again. Please fix your payment provider.");
  private static final List<String> CHECKOUT_ERROR = List.of(
      "Checkout error when I placed the order.",
      "Got a checkout error at the last step and my order was lost.");
  private static final List<String> EMAIL = List.of(
      "Email verification failed and I could not finish signing up.",
      "The verification link had already expired when I clicked it.");
  private static final List<String> DOCUMENTS = List.of(
      "My passport scan was rejected without a reason.",
      "Document upload keeps failing, the requirements are unclear.");
  private static final List<String> SLOW_REVIEW = List.of(
      "Opening the business account takes far too long.",
      "Still waiting for the account review after hours.");
  private static final List<String> PRAISE = List.of(
      "Love how easy this was, great product!",
      "Quick and smooth, exactly what I needed.",
      "Great experience, the team invite flow is handy.",
      "Fast setup and a clean interface.",
      "The new progress bar makes imports much clearer, thanks!");
  private static final List<String> MEH = List.of(
      "Works fine overall.",
      "Decent product, does the job.",
      "OK for what we need.");
  /** What unhappy people mention when nothing in particular went wrong in their session. */
  private static final java.util.Map<String, List<String>> GRIPES = java.util.Map.of(
      "onboarding", List.of("Too many steps before I could start using it.",
          "Setting up the team took longer than expected."),
      "inventory-import", List.of("Column mapping is tedious for every file."),
      "checkout", List.of("Shipping costs were a surprise at the end.", "Too few delivery options."),
      "account-opening", List.of("Too much paperwork to open an account."));

  private Voice() {}

  /** Maybe an NPS answer and a comment at {@code t}, given how the session went. */
  static void survey(Session s, long t, boolean painful, Theme theme, Object detail) {
    // People who had a bad time answer surveys more often.
    if (!s.chance(painful ? 2 * SURVEY_SHARE : SURVEY_SHARE)) {
      return;
    }
    double u = s.rng.nextDouble();
    int score;
    if (painful) {
      score = u < 0.58 ? s.rng.nextInt(0, 7) : u < 0.88 ? s.rng.nextInt(7, 9) : s.rng.nextInt(9, 11);
    } else {
      score = u < 0.10 ? s.rng.nextInt(3, 7) : u < 0.45 ? s.rng.nextInt(7, 9) : s.rng.nextInt(9, 11);
    }
    double commentP = score <= 6 ? 0.75 : score <= 8 ? 0.35 : 0.3;
    String text = null;
    if (s.chance(commentP)) {
      if (score <= 8 && theme != Theme.NONE) {
        text = String.format(Locale.ROOT, s.pick(texts(theme)), detail);
      } else if (score <= 6) {
        text = s.pick(GRIPES.getOrDefault(s.journey, MEH));
      } else {
        text = s.pick(score >= 9 ? praise(s) : MEH);
      }
    }
    // One survey answer: the score and, when given, the comment, as NPS tools send them.
    s.feedback(t, "nps", score, text, "in-app-survey");
  }

  /** A support ticket, for problems people write in about. */
  static void ticket(Session s, long t, Theme theme, double p) {
    if (s.chance(p)) {
      s.feedback(t, "ticket", null, String.format(Locale.ROOT, s.pick(texts(theme)), ""), "support");
    }
  }

  /** CSAT (1-5) after a finished purchase: mostly satisfied, less so after trouble. */
  static void csat(Session s, long t, boolean troubled) {
    if (s.chance(0.1)) {
      double u = s.rng.nextDouble();
      int score = troubled ? (u < 0.5 ? s.rng.nextInt(1, 4) : s.rng.nextInt(4, 6))
          : (u < 0.12 ? s.rng.nextInt(2, 4) : s.rng.nextInt(4, 6));
      s.feedback(t, "csat", score, null, "post-purchase");
    }
  }

  /** CES (1-7, 7 = very easy) after a finished import: easy when it went smoothly, hard after slowness or errors. */
  static void ces(Session s, long t, boolean troubled) {
    if (s.chance(0.15)) {
      int score = troubled ? s.rng.nextInt(1, 5) : s.rng.nextInt(4, 8);
      s.feedback(t, "ces", score, null, "post-import");
    }
  }

  private static List<String> praise(Session s) {
    // Only people who saw the progress bar thank us for it.
    return "inventory-import".equals(s.journey) && "B".equals(s.user.variant()) ? PRAISE : PRAISE.subList(0, 4);
  }

  private static List<String> texts(Theme theme) {
    return switch (theme) {
      case SLOW_IMPORT -> SLOW_IMPORT;
      case CONFUSING_ERRORS -> CONFUSING_ERRORS;
      case PAYMENT_DECLINED -> PAYMENT_DECLINED;
      case CHECKOUT_ERROR -> CHECKOUT_ERROR;
      case EMAIL_VERIFICATION -> EMAIL;
      case DOCUMENTS -> DOCUMENTS;
      case SLOW_REVIEW -> SLOW_REVIEW;
      case NONE -> MEH;
    };
  }
}
