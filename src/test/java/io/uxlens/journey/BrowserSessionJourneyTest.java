package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A visit told half by Segment (server side) and half by Faro (the browser), over real HTTP: the page links its
 * Faro session to the Segment session with the {@code session_id} session attribute, a journey step is a Faro
 * event, and the browser's web vitals and JS errors inside the attempt's window count in its performance (the
 * error thrown after the order does not).
 */
class BrowserSessionJourneyTest {
  static final long T0 = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

  @TempDir Path dir;

  static String track(String event, long ts, String extra) {
    return "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"" + event + "\",\"messageId\":\"m-" + ts + "\","
        + "\"timestamp\":\"" + Instant.ofEpochMilli(ts) + "\",\"properties\":{\"session_id\":\"visit-1\"" + extra
        + "}}";
  }

  static String iso(long ts) {
    return Instant.ofEpochMilli(ts).toString();
  }

  @Test
  void aFaroEventIsAStepAndTheBrowsersVitalsAndErrorsCountInTheAttempt() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String faro = """
          {"meta":{"app":{"name":"shop-web"},"browser":{"name":"Firefox","version":"133.0"},"session":{"id":"faro-abc","attributes":{"session_id":"visit-1"}}},
           "events":[{"name":"Checkout Started","timestamp":"%s"}],
           "measurements":[{"type":"web-vitals","values":{"lcp":1800,"cls":0.2},"timestamp":"%s"}],
           "exceptions":[{"type":"TypeError","value":"x is undefined","timestamp":"%s"},
                         {"type":"TypeError","value":"after the order","timestamp":"%s"}]}
          """.formatted(iso(T0 + 10_000), iso(T0 + 11_000), iso(T0 + 12_000), iso(T0 + 600_000));
      assertThat(s.postJson("/collect", faro).status()).isEqualTo(202);
      for (String e : List.of(track("Cart Viewed", T0, ""), track("Checkout Step Completed", T0 + 20_000,
          ",\"step\":1"), track("Payment Info Entered", T0 + 30_000, ""), track("Order Completed", T0 + 40_000, ""))) {
        assertThat(s.postJson("/v1/track", e).status()).isEqualTo(200);
      }
      JourneyKpis kpis = s.server().journeys().kpis();
      long deadline = System.nanoTime() + 15_000_000_000L;
      List<Attempt> attempts = List.of();
      while (System.nanoTime() < deadline) {
        attempts = kpis.attempts("checkout", T0 - 1, T0 + 3_600_000, Map.of());
        if (attempts.size() == 1 && attempts.get(0).outcome() == Outcome.COMPLETED
            && attempts.get(0).performance().jsErrors() > 0) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(attempts).hasSize(1);
      Attempt a = attempts.get(0);
      assertThat(a.outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(a.sessionId()).isEqualTo("visit-1");
      assertThat(a.stepTimes()).containsExactly(T0, T0 + 10_000, T0 + 20_000, T0 + 30_000, T0 + 40_000);
      assertThat(a.performance().jsErrors()).isEqualTo(1);
      assertThat(a.performance().lcpMs()).isEqualTo(1800.0);
      assertThat(a.performance().cls()).isEqualTo(0.2);
      // the Segment events carry no user agent: the browser dimension comes from Faro's meta
      assertThat(a.context()).containsEntry("browser", "Firefox");
    }
  }
}
