package io.uxlens.demo;

import java.util.SplittableRandom;

/**
 * New account onboarding. App version 2.4.0 shipped a bug that expires email verification links early: its
 * sessions hit Email Verification Failed far more often, which the split by app version reveals; 2.4.1 fixes it.
 */
final class OnboardingScript implements Script {
  static final String API = "accounts-api";

  @Override
  public String journey() {
    return "onboarding";
  }

  @Override
  public Rhythm rhythm() {
    return Rhythm.office(300);
  }

  @Override
  public double mobileShare() {
    return 0.3;
  }

  @Override
  public String userId(SplittableRandom rng, long n) {
    return "new-user-" + n;
  }

  @Override
  public void play(Session s, long t0) {
    s.vitals(t0, "/signup", 1);
    if (s.chance(0.04)) {
      // A failed sign-up comes before the journey starts: it is an event of the session, not of an attempt.
      s.track(t0, "Signup Failed", "reason", "email_taken");
      s.request(t0, API, "POST", "/api/signup", s.logNormal(120, 0.3), 409);
      if (!s.chance(0.6)) {
        return;
      }
      t0 += s.think(60);
    }
    s.track(t0, "Signed Up", "plan", s.pick(java.util.List.of("free", "free", "team", "business")),
        "referrer", s.pick(java.util.List.of("search", "ads", "partner", "direct")));
    step(s, t0, "POST", "/api/signup", 150, "INSERT users");
    long t = t0 + s.think(120);
    boolean buggy = s.client.appVersion().equals("2.4.0");
    if (s.chance(buggy ? 0.45 : 0.03)) {
      s.track(t, "Email Verification Failed", "reason", "token_expired");
      s.request(t, API, "POST", "/api/verify-email", s.logNormal(40, 0.3), 410);
      if (!s.chance(buggy ? 0.3 : 0.5)) {
        Voice.survey(s, t + s.think(30), true, Voice.Theme.EMAIL_VERIFICATION, "");
        return;
      }
      t += s.think(180);
    }
    if (!s.chance(0.86)) {
      Voice.survey(s, t, false, Voice.Theme.NONE, "");
      return;
    }
    t += s.think(200);
    s.track(t, "Profile Completed", "company_size", s.pick(java.util.List.of("1-10", "11-50", "51-200")));
    step(s, t, "PUT", "/api/profile", 80, "UPDATE users");
    if (!s.chance(0.8)) {
      Voice.survey(s, t + s.think(60), false, Voice.Theme.NONE, "");
      return;
    }
    t += s.think(240);
    s.track(t, "Teammate Invited", "invites", 1 + s.rng.nextInt(4));
    step(s, t, "POST", "/api/invites", 120, "INSERT invitations");
    if (!s.chance(0.88)) {
      Voice.survey(s, t + s.think(60), false, Voice.Theme.NONE, "");
      return;
    }
    t += s.think(300);
    s.vitals(t, "/projects/new", 1.2);
    s.track(t, "First Project Created", "template", s.pick(java.util.List.of("blank", "retail", "wholesale")));
    step(s, t, "POST", "/api/projects", 220, "INSERT projects");
    Voice.survey(s, t + s.think(60), false, Voice.Theme.NONE, "");
  }

  private static void step(Session s, long t, String method, String route, double ms, String sql) {
    double db = s.logNormal(6, 0.4);
    s.db(s.request(t, API, method, route, s.logNormal(ms, 0.3) + db, 200), sql, db);
  }
}
