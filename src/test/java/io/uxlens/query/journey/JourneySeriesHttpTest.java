package io.uxlens.query.journey;

import static io.uxlens.query.journey.JourneyServer.HOUR_RANGE;
import static io.uxlens.query.journey.JourneyServer.MIN;
import static io.uxlens.query.journey.JourneyServer.T0;
import static io.uxlens.query.journey.JourneyServer.field;
import static io.uxlens.query.journey.JourneyServer.query;
import static io.uxlens.query.journey.JourneyServer.rows;
import static io.uxlens.query.journey.JourneyServer.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Journey series metrics over real HTTP on {@link io.uxlens.testing.JourneyTraffic} (see its table), against
 * figures worked out by hand. 10-minute buckets from 10:00 (7 of them: the range end 11:00 is inclusive):
 * <pre>
 * checkout   10:00 c1 c2 c3: 3 attempts, 2 completed, 1 abandoned, 1 finished with an error (c2)
 *            10:10 c4: 1 attempt, abandoned with an error;  10:20 c5: 1 attempt, completed
 * import     10:30 i1: completed;  10:40 i2: abandoned with an error
 * </pre>
 */
class JourneySeriesHttpTest {
  @RegisterExtension static final TestServer server = TestServer.perClass(c -> c, JourneyServer::seed);

  /** "journey@minute value count/denominator" for each row, as the alert rules read them. */
  private static List<String> summary(JsonNode rows, String count, String denominator) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : rows) {
      assertThat(r.get("journey").isTextual()).as(r.toString()).isTrue();
      out.add(r.get("journey").asText() + "@" + (r.get("time").asLong() - T0) / MIN + " "
          + String.format("%.4f", r.get("value").asDouble()) + " " + r.get(count).asLong() + "/"
          + r.get(denominator).asLong());
    }
    return out;
  }

  @Test
  void withoutAJourneyTheRowsHoldOneSeriesPerJourneyAsTheAlertRulesRead() throws Exception {
    JsonNode completion = rows(server, "journey.completion_rate", HOUR_RANGE + "&interval=600000");
    assertThat(summary(completion, "completed", "finished")).containsExactly(
        "inventory-import@30 1.0000 1/1", "inventory-import@40 0.0000 0/1",
        "checkout@0 0.6667 2/3", "checkout@10 0.0000 0/1", "checkout@20 1.0000 1/1");
    JsonNode errors = rows(server, "journey.error_rate", HOUR_RANGE + "&interval=600000&journey=all");
    assertThat(summary(errors, "errors", "finished")).containsExactly(
        "inventory-import@30 0.0000 0/1", "inventory-import@40 1.0000 1/1",
        "checkout@0 0.3333 1/3", "checkout@10 1.0000 1/1", "checkout@20 0.0000 0/1");
    JsonNode abandoned = rows(server, "journey.abandonment_rate", HOUR_RANGE + "&interval=1h");
    assertThat(summary(abandoned, "abandoned", "finished")).containsExactly(
        "inventory-import@0 0.5000 1/2", "checkout@0 0.4000 2/5");
  }

  @Test
  void theProvisionedAlertQueriesAnswerOneRowPerJourneyAndBucketWithTheirColumns() throws Exception {
    JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(Path.of("provisioning/alerting/uxlens-rules.yml")
        .toFile());
    int checked = 0;
    List<JsonNode> models = new ArrayList<>();
    for (JsonNode rule : file.get("groups").get(0).get("rules")) {
      rule.get("data").forEach(d -> {
        if (d.get("datasourceUid").asText().equals("uxlens-infinity")) {
          models.add(d.get("model")); // the rate (A) and its traffic guard's denominator (D)
        }
      });
    }
    for (JsonNode model : models) {
      String url = model.get("url").asText().replace("${__timeFrom}", String.valueOf(T0))
          .replace("${__timeTo}", String.valueOf(T0 + JourneyServer.HOUR));
      TestServer.Response r = server.get(url);
      assertThat(r.status()).as(url + " " + r.text()).isEqualTo(200);
      JsonNode rows = r.json().get(model.get("root_selector").asText());
      assertThat(rows.size()).as(url).isGreaterThanOrEqualTo(2);
      List<String> keys = new ArrayList<>();
      for (JsonNode row : rows) {
        for (JsonNode c : model.get("columns")) {
          JsonNode v = row.get(c.get("selector").asText());
          assertThat(v).as(url + " " + c + " in " + row).isNotNull();
          assertThat(c.get("type").asText().equals("string") ? v.isTextual() : v.isNumber()).as(c + " " + row)
              .isTrue();
        }
        keys.add(row.get("journey").asText() + "@" + row.get("time").asLong());
      }
      assertThat(keys).as("one row per journey and bucket").doesNotHaveDuplicates();
      assertThat(keys).anyMatch(k -> k.startsWith("checkout@")).anyMatch(k -> k.startsWith("inventory-import@"));
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void oneJourneyAsAJsonApiFrameWithNullGapsDenominatorsAndTargetThresholds() throws Exception {
    JsonNode frames = query(server, "journey.completion_rate", "{\"journey\":\"checkout\"}", "600000", "[]");
    assertThat(frames).hasSize(1);
    JsonNode f = frames.get(0);
    assertThat(values(f, "time")).containsExactly(Arrays.stream(new long[] {0, 10, 20, 30, 40, 50, 60})
        .mapToObj(m -> (Object) (double) (T0 + m * MIN)).toArray());
    List<Object> v = values(f, "value");
    assertThat((Double) v.get(0)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(v.subList(1, 7)).containsExactly(0.0, 1.0, null, null, null, null);
    assertThat(values(f, "finished")).containsExactly(3.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0);
    assertThat(values(f, "completed")).containsExactly(2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0);
    JsonNode value = field(f, "value");
    assertThat(value.get("labels").toString()).isEqualTo("{\"journey\":\"checkout\"}");
    assertThat(value.at("/config/unit").asText()).isEqualTo("percentunit");
    assertThat(value.at("/config/displayNameFromDS").asText()).isEqualTo("Checkout completion rate");
    assertThat(value.at("/config/thresholds/steps").toString())
        .isEqualTo("[{\"value\":null,\"color\":\"red\"},{\"value\":0.7,\"color\":\"green\"}]");
    assertThat(field(f, "finished").at("/config/custom/hideFrom/viz").asBoolean()).isTrue();

    JsonNode errors = query(server, "journey.error_rate", "{\"journey\":\"checkout\"}", "600000", "[]").get(0);
    assertThat(field(errors, "value").at("/config/thresholds/steps").toString())
        .isEqualTo("[{\"value\":null,\"color\":\"green\"},{\"value\":0.03,\"color\":\"red\"}]");

    JsonNode attempts = query(server, "journey.attempts", "{\"journey\":\"checkout\"}", "600000", "[]").get(0);
    assertThat(values(attempts, "value")).containsExactly(3.0, 1.0, 1.0, null, null, null, null);
    assertThat(values(attempts, "abandoned")).containsExactly(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    assertThat(values(attempts, "in_progress")).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
  }

  @Test
  void groupByAContextDimensionOrItsDottedNameSplitsTheSeries() throws Exception {
    // checkout by app version: 2.4.1 = c1 c2 (both complete at 10:00); 2.5.0 = c3 (abandoned 10:00),
    // c4 (abandoned 10:10), c5 (completed 10:20)
    for (String key : List.of("app_version", "app.version")) {
      JsonNode rows = rows(server, "journey.completion_rate", HOUR_RANGE
          + "&interval=10m&journey=checkout&group_by=" + key);
      List<String> got = new ArrayList<>();
      rows.forEach(r -> got.add(r.get("app_version").asText() + "@" + (r.get("time").asLong() - T0) / MIN + " "
          + r.get("value").asDouble() + " " + r.get("journey").asText()));
      assertThat(got).as(key).containsExactly("2.4.1@0 1.0 checkout", "2.5.0@0 0.0 checkout",
          "2.5.0@10 0.0 checkout", "2.5.0@20 1.0 checkout");
    }
    JsonNode frames = query(server, "journey.attempts", "{\"group_by\":\"device\"}", "3600000", "[]");
    List<String> got = new ArrayList<>();
    for (JsonNode f : frames) {
      JsonNode value = field(f, "value");
      got.add(value.get("labels").get("journey").asText() + "/" + value.get("labels").get("device").asText() + " "
          + values(f, "value").get(0) + " " + value.at("/config/displayNameFromDS").asText());
    }
    // desktop: c1 c4 c5, i1; mobile: c2 c3, i2
    assertThat(got).containsExactly(
        "inventory-import/desktop 1.0 Initial inventory import attempts desktop",
        "inventory-import/mobile 1.0 Initial inventory import attempts mobile",
        "checkout/desktop 3.0 Checkout attempts desktop", "checkout/mobile 2.0 Checkout attempts mobile");
    // the browser family parsed from Segment's context.userAgent, under its name or Faro's browser.name
    for (String key : List.of("browser", "browser.name")) {
      JsonNode byBrowser = rows(server, "journey.completion_rate", HOUR_RANGE + "&interval=1h&journey=checkout"
          + "&group_by=" + key);
      List<String> seen = new ArrayList<>();
      byBrowser.forEach(r -> seen.add(r.get(key.replace(".", "_")).asText() + " " + r.get("completed").asLong() + "/"
          + r.get("finished").asLong()));
      assertThat(seen).as(key).containsExactly("Firefox 2/3", "Mobile Safari 1/2");
    }
    TestServer.Response bad = server.get("/api/v1/rows/journey.attempts?" + HOUR_RANGE + "&group_by=service");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("payload.group_by");
    assertThat(bad.json().get("error").asText()).contains("'service'", "app_version, device, os, country",
        "app.version");
  }

  /** Checkout completion over the hour (one bucket) under the given ad hoc filters: value and finished. */
  private static String filtered(String filters) throws Exception {
    JsonNode frames = query(server, "journey.completion_rate", "{\"journey\":\"checkout\"}", "3600000", filters);
    if (frames.isEmpty()) {
      return "none";
    }
    return String.format("%.4f of %d", (Double) values(frames.get(0), "value").get(0),
        Math.round((Double) values(frames.get(0), "finished").get(0)));
  }

  private static String filter(String key, String op, String value) {
    return "[{\"key\":\"" + key + "\",\"operator\":\"" + op + "\",\"value\":\"" + value + "\"}]";
  }

  @Test
  void adHocFiltersOnContextDimensionsWithEveryOperator() throws Exception {
    assertThat(filtered("[]")).isEqualTo("0.6000 of 5");
    // = goes to the store: app 2.5.0 = c3 (abandoned), c4 (abandoned), c5 (completed)
    assertThat(filtered(filter("app.version", "=", "2.5.0"))).isEqualTo("0.3333 of 3");
    assertThat(filtered(filter("app_version", "=", "2.4.1"))).isEqualTo("1.0000 of 2");
    // != and regexes per attempt: not mobile = c1 c4 c5; mobile = c2 (completed) c3 (abandoned)
    assertThat(filtered(filter("device", "!=", "mobile"))).isEqualTo("0.6667 of 3");
    assertThat(filtered(filter("device.type", "=~", "mob.*"))).isEqualTo("0.5000 of 2");
    assertThat(filtered(filter("device", "=~", "mob"))).as("regexes are anchored").isEqualTo("none");
    assertThat(filtered(filter("device", "!~", "mob.*"))).isEqualTo("0.6667 of 3");
    // both: 2.5.0 and desktop = c4 (abandoned), c5 (completed)
    assertThat(filtered("[{\"key\":\"app.version\",\"operator\":\"=\",\"value\":\"2.5.0\"},"
        + "{\"key\":\"device\",\"operator\":\"=\",\"value\":\"desktop\"}]")).isEqualTo("0.5000 of 2");
    // a key attempts do not carry fails = and passes != (as on the perf and feedback metrics)
    assertThat(filtered(filter("service", "=", "shop-api"))).isEqualTo("none");
    assertThat(filtered(filter("service", "!=", "shop-api"))).isEqualTo("0.6000 of 5");
    // journey is a filter key too
    JsonNode frames = query(server, "journey.attempts", "{}", "3600000", filter("journey", "!=", "checkout"));
    assertThat(frames).hasSize(1);
    assertThat(field(frames.get(0), "value").get("labels").get("journey").asText()).isEqualTo("inventory-import");
    assertThat(query(server, "journey.attempts", "{}", "3600000", filter("journey", "=~", "check.*")))
        .hasSize(1);
  }

  @Test
  void timeOnTaskQuantilesInSecondsWithTheP75Target() throws Exception {
    // checkout completed: c1 240 s, c2 360 s (10:00), c5 300 s (10:20); lower rank floor(q (n - 1)), 1% accuracy
    JsonNode frames = query(server, "journey.time_on_task", "{\"journey\":\"checkout\",\"quantile\":[\"p50\","
        + "\"p75\"]}", "600000", "[]");
    assertThat(frames).hasSize(2);
    JsonNode p75 = frames.get(1);
    assertThat(field(p75, "value").get("labels").get("quantile").asText()).isEqualTo("p75");
    List<Object> v = values(p75, "value");
    assertThat((Double) v.get(0)).isCloseTo(240, within(2.4));
    assertThat(v.get(1)).isNull();
    assertThat((Double) v.get(2)).isCloseTo(300, within(3.0));
    assertThat(values(p75, "completed")).containsExactly(2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0);
    assertThat(field(p75, "value").at("/config/unit").asText()).isEqualTo("s");
    assertThat(field(p75, "value").at("/config/thresholds/steps/1/value").asDouble()).isEqualTo(240.0);
    assertThat(field(frames.get(0), "value").at("/config/thresholds").isMissingNode()).isTrue();
    // one hour bucket: [240, 300, 360] -> p50 = 300; the import: i1 240 s
    JsonNode hour = rows(server, "journey.time_on_task", HOUR_RANGE + "&interval=1h&quantile=p50");
    List<String> got = new ArrayList<>();
    hour.forEach(r -> got.add(r.get("journey").asText() + " " + r.get("quantile").asText() + " "
        + r.get("completed").asLong()));
    assertThat(got).containsExactly("inventory-import p50 1", "checkout p50 3");
    assertThat(hour.get(0).get("value").asDouble()).isCloseTo(240, within(2.4));
    assertThat(hour.get(1).get("value").asDouble()).isCloseTo(300, within(3.0));
  }

  @Test
  void stepLatencyPerStepOfTheChosenJourney() throws Exception {
    // into shipping: c1 60 s, c2 150 s, c4 60 s, c5 60 s -> p50 = 60 (lower rank 1 of 4); reached 4
    // into order: c1 60 s, c2 120 s, c5 120 s -> p50 = 120; reached 3
    JsonNode shipping = rows(server, "journey.step_latency", HOUR_RANGE
        + "&interval=1h&journey=checkout&step=shipping&quantile=p50");
    assertThat(shipping).hasSize(1);
    assertThat(shipping.get(0).get("value").asDouble()).isCloseTo(60, within(0.6));
    assertThat(shipping.get(0).get("reached").asLong()).isEqualTo(4);
    assertThat(shipping.get(0).get("step").asText()).isEqualTo("shipping");
    JsonNode all = rows(server, "journey.step_latency", HOUR_RANGE + "&interval=1h&journey=checkout&quantile=p50");
    List<String> got = new ArrayList<>();
    all.forEach(r -> got.add(r.get("step").asText() + " " + r.get("reached").asLong()));
    // into checkout: c1 60, c2 30, c3 60, c4 60, c5 60 -> 60; into payment: c1 60, c2 60, c5 60 -> 60
    assertThat(got).containsExactly("checkout 5", "shipping 4", "payment 3", "order 3");
    double[] want = {60, 60, 60, 120};
    for (int i = 0; i < want.length; i++) {
      assertThat(all.get(i).get("value").asDouble()).as(got.get(i)).isCloseTo(want[i], within(want[i] / 100));
    }
    assertThat(rows(server, "journey.step_latency", HOUR_RANGE + "&interval=1h&journey=checkout&step=cart"))
        .as("the first step has no latency").isEmpty();

    TestServer.Response bad = server.get("/api/v1/rows/journey.step_latency?" + HOUR_RANGE
        + "&journey=checkout&step=upload");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("payload.step");
    assertThat(bad.json().get("error").asText()).contains("'upload'", "all, cart, checkout, shipping, payment, order");
  }

  @Test
  void anUnknownJourneyIsA400NamingTheValidOnes() throws Exception {
    for (String metric : List.of("journey.completion_rate", "journey.funnel", "journey.kpis",
        "correlation.bottlenecks")) {
      TestServer.Response r = server.get("/api/v1/rows/" + metric + "?" + HOUR_RANGE + "&journey=chekout");
      assertThat(r.status()).as(metric).isEqualTo(400);
      assertThat(r.json().get("field").asText()).isEqualTo("payload.journey");
      assertThat(r.json().get("error").asText()).contains("'chekout'",
          "all, onboarding, inventory-import, checkout, account-opening");
    }
  }
}
