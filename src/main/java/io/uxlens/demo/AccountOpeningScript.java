package io.uxlens.demo;

import java.util.SplittableRandom;

/**
 * Business account opening: identity checks, document upload and a back-office review that takes hours, so
 * attempts stay in progress for a long time and time on task is counted in hours.
 */
final class AccountOpeningScript implements Script {
  static final String API = "banking-api";

  @Override
  public String journey() {
    return "account-opening";
  }

  @Override
  public Rhythm rhythm() {
    return Rhythm.office(100);
  }

  @Override
  public double mobileShare() {
    return 0.2;
  }

  @Override
  public String userId(SplittableRandom rng, long n) {
    return "applicant-" + n;
  }

  @Override
  public void play(Session s, long t0) {
    s.vitals(t0, "/business/apply", 1.1);
    s.track(t0, "Application Started", "legal_form", s.pick(java.util.List.of("GmbH", "SARL", "Ltd", "LLC")));
    step(s, t0, "POST", "/api/applications", 120, "INSERT applications");
    long t = t0 + s.think(600);
    if (s.chance(0.08)) {
      s.track(t, "KYC Check Failed", "reason", "name_mismatch");
      s.request(t, API, "POST", "/api/kyc", s.logNormal(900, 0.3), 422);
      if (!s.chance(0.5)) {
        Voice.survey(s, t + s.think(60), true, Voice.Theme.DOCUMENTS, "");
        return;
      }
      t += s.think(600);
    }
    if (!s.chance(0.82)) {
      Voice.survey(s, t, false, Voice.Theme.NONE, "");
      return;
    }
    s.track(t, "Identity Verified", "provider", "idnow");
    s.request(t, API, "POST", "/api/kyc", s.logNormal(900, 0.3), 200);
    t += s.think(1_200);
    if (s.chance(0.12)) {
      s.track(t, "Document Rejected", "document", "passport", "reason", "unreadable");
      s.request(t, API, "POST", "/api/documents", s.logNormal(1_500, 0.3), 422);
      if (!s.chance(0.6)) {
        Voice.survey(s, t + s.think(60), true, Voice.Theme.DOCUMENTS, "");
        return;
      }
      t += s.think(900);
    }
    if (!s.chance(0.84)) {
      Voice.survey(s, t, false, Voice.Theme.NONE, "");
      return;
    }
    s.track(t, "Documents Uploaded", "documents", 2 + s.rng.nextInt(3));
    step(s, t, "POST", "/api/documents", 1_400, "INSERT documents");
    t += s.think(400);
    if (!s.chance(0.93)) {
      return;
    }
    s.track(t, "Application Submitted");
    step(s, t, "POST", "/api/applications/{id}/submit", 200, "UPDATE applications");
    long review = Math.round(s.logNormal(50 * 60_000, 0.6));
    if (!s.chance(0.9)) {
      return;
    }
    t += review;
    s.track(t, "Account Opened", "review_minutes", review / 60_000);
    Voice.survey(s, t + s.think(600), review > 3 * 3_600_000L, review > 3 * 3_600_000L
        ? Voice.Theme.SLOW_REVIEW : Voice.Theme.NONE, "");
  }

  private static void step(Session s, long t, String method, String route, double ms, String sql) {
    double db = s.logNormal(8, 0.4);
    s.db(s.request(t, API, method, route, s.logNormal(ms, 0.3) + db, 200), sql, db);
  }
}
