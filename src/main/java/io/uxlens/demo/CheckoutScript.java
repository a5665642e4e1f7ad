package io.uxlens.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Checkout. Some payments are declined (people write in about it); during the hour after the checkout-api deploy
 * the orders database is slow and placing an order fails often, which shows as Checkout Error events, 5xx spans,
 * slow db spans and abandoned checkouts.
 */
final class CheckoutScript implements Script {
  static final String API = "checkout-api";

  @Override
  public String journey() {
    return "checkout";
  }

  @Override
  public Rhythm rhythm() {
    return Rhythm.shopping(1000);
  }

  @Override
  public double mobileShare() {
    return 0.55;
  }

  @Override
  public String userId(SplittableRandom rng, long n) {
    return "shopper-" + rng.nextInt(4000);
  }

  @Override
  public void play(Session s, long t0) {
    int items = 1 + s.rng.nextInt(5);
    double value = Math.round(s.logNormal(45 * items, 0.4) * 100) / 100.0;
    s.vitals(t0, "/cart", 1);
    s.track(t0, "Cart Viewed", "items", items, "cart_value", value, "currency", "EUR");
    call(s, t0, "GET", "/api/cart", 40, "SELECT carts", 3);
    if (!s.chance(0.88)) {
      survey(s, t0 + s.think(30), false, Voice.Theme.NONE);
      return;
    }
    long t = t0 + s.think(35);
    s.vitals(t, "/checkout", 1);
    s.track(t, "Checkout Started", "items", items, "cart_value", value);
    call(s, t, "POST", "/api/checkout", 90, "INSERT checkouts", 5);
    if (!s.chance(0.93)) {
      survey(s, t + s.think(30), false, Voice.Theme.NONE);
      return;
    }
    t += s.think(50);
    s.track(t, "Checkout Step Completed", "step", 1, "step_name", "shipping");
    call(s, t, "POST", "/api/checkout/shipping", 60, "UPDATE checkouts", 4);
    if (!s.chance(0.94)) {
      survey(s, t + s.think(30), false, Voice.Theme.NONE);
      return;
    }
    boolean declined = false;
    for (int attempt = 0; ; attempt++) {
      t += s.think(40);
      s.track(t, "Payment Info Entered", "method", s.pick(List.of("card", "card", "card", "paypal")));
      boolean decline = s.chance(0.07);
      var pay = s.request(t, API, "POST", "/api/payments", s.logNormal(350, 0.3), decline ? 402 : 200);
      s.db(pay, "INSERT payments", s.logNormal(5, 0.3));
      if (!decline) {
        break;
      }
      declined = true;
      s.track(t + (long) pay.durationMs(), "Payment Declined", "reason",
          s.pick(List.of("card_declined", "card_declined", "insufficient_funds", "3ds_failed")));
      if (attempt > 0 || !s.chance(0.45)) {
        long end = t + s.think(20);
        survey(s, end, true, Voice.Theme.PAYMENT_DECLINED);
        Voice.ticket(s, end + 120_000, Voice.Theme.PAYMENT_DECLINED, 0.3);
        return;
      }
    }
    t += s.think(15);
    boolean incident = s.timeline.incident(t);
    double dbMs = incident ? s.logNormal(1_800, 0.4) : s.logNormal(8, 0.4);
    boolean fails = s.chance(incident ? 0.3 : 0.004);
    var order = s.request(t, API, "POST", "/api/orders", dbMs * 1.3 + s.logNormal(90, 0.3), fails ? 500 : 201);
    s.db(order, "INSERT orders", dbMs);
    s.db(order, "SELECT inventory", incident ? dbMs * 0.5 : s.logNormal(4, 0.3));
    if (fails) {
      t += (long) order.durationMs();
      s.track(t, "Checkout Error", "code", "ORDER_500", "message", "Something went wrong");
      if (s.chance(incident ? 0.6 : 0.5)) {
        survey(s, t + s.think(20), true, Voice.Theme.CHECKOUT_ERROR);
        return;
      }
      t += s.think(20);
      order = s.request(t, API, "POST", "/api/orders", dbMs * 1.3 + 90, 201);
      s.db(order, "INSERT orders", dbMs);
    } else if (incident && order.durationMs() > 2_500 && s.chance(0.25)) {
      survey(s, t + (long) order.durationMs(), true, Voice.Theme.CHECKOUT_ERROR);
      return;
    }
    long done = t + (long) order.durationMs() + 300;
    s.track(done, "Order Completed", "order_value", value, "currency", "EUR", "items", items);
    s.vitals(done, "/order/confirmation", incident ? 1.4 : 1);
    Voice.csat(s, done + 5_000, declined || fails);
    survey(s, done + 10_000, declined || fails, declined ? Voice.Theme.PAYMENT_DECLINED : Voice.Theme.NONE);
  }

  private static void call(Session s, long t, String method, String route, double ms, String sql, double sqlMs) {
    double slow = s.timeline.incident(t) ? 8 : 1;
    double db = s.logNormal(sqlMs * slow, 0.3);
    var span = s.request(t, API, method, route, s.logNormal(ms, 0.3) + db, 200);
    s.db(span, sql, db);
  }

  private static void survey(Session s, long t, boolean painful, Voice.Theme theme) {
    Voice.survey(s, t, painful, theme, "");
  }
}
