package io.uxlens.query;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.datasource.InfinityApi;
import io.uxlens.datasource.JsonApiProtocol;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Health;
import io.uxlens.json.Json;
import io.uxlens.store.ContextReads;
import io.uxlens.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a metric is one class plus one registration, and options that depend on another option (steps of a
 * journey) are offered, validated and flagged for reload through both adapters.
 */
class CatalogueTest {
  @TempDir Path dir;

  /** A metric whose step choices depend on the journey chosen, like the journey engine's will. */
  static final class StepCounts implements Metric {
    static final Map<String, List<String>> STEPS = Map.of("checkout", List.of("cart", "pay"),
        "import", List.of("upload", "map", "done"));

    @Override
    public String id() {
      return "journey.step_counts";
    }

    @Override
    public String description() {
      return "bucket index per step, for the test";
    }

    @Override
    public List<PayloadOption> options() {
      return List.of(
          PayloadOption.select("journey", "Journey", OptionSource.fixed("checkout", "import"), "journey")
              .withDefaults("checkout"),
          PayloadOption.select("step", "Step", p -> STEPS.getOrDefault(p.first("journey").orElse("checkout"),
              List.of()).stream().map(OptionValue::of).toList(), "step of the journey").dependingOn("journey"));
    }

    @Override
    public List<RowColumn> rowColumns() {
      return List.of(RowColumn.time(), RowColumn.label("journey", "journey id"), RowColumn.number("value", "i"));
    }

    @Override
    public List<DataFrame> query(MetricQuery q) {
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < q.buckets().count(); i++) {
        values.add(i % 2 == 0 ? i : null);
      }
      return List.of(new DataFrame(id(), null, List.of(Field.time("time", q.buckets().times()),
          Field.number("value", values, Map.of("journey", q.payload().first("journey").orElseThrow()),
              FieldConfig.unit("short")))));
    }
  }

  @Test
  void oneClassPlusOneRegistrationServesBothAdapters() throws Exception {
    try (Store store = TestStores.open(dir, "c")) {
      Catalogue catalogue = Catalogue.builder().add(new StepCounts()).build();
      JsonApiProtocol api = new JsonApiProtocol(catalogue, Variables.builder().build(),
          new ContextIndex(new ContextReads(store.jdbi())), () -> new Health(Health.Status.OK, "ok"));
      InfinityApi infinity = new InfinityApi(catalogue);

      JsonNode metrics = Json.MAPPER.valueToTree(api.metrics(json(
          "{\"metric\":\"journey.step_counts\",\"payload\":{\"journey\":\"import\"}}")));
      JsonNode payloads = metrics.get(0).get("payloads");
      assertThat(payloads.get(0).get("reloadMetric").asBoolean()).isTrue();
      assertThat(payloads.get(1).get("reloadMetric").asBoolean()).isFalse();
      assertThat(payloads.get(1).get("options").findValuesAsText("value")).containsExactly("upload", "map", "done");
      assertThat(Json.MAPPER.valueToTree(api.payloadOptions(json(
          "{\"metric\":\"journey.step_counts\",\"name\":\"step\",\"payload\":{\"journey\":\"checkout\"}}")))
          .findValuesAsText("value")).containsExactly("cart", "pay");

      assertThatThrownBy(() -> infinity.rows("journey.step_counts",
          Map.of("from", List.of("0"), "to", List.of("3600000"), "journey", List.of("import"), "step",
              List.of("pay"))))
          .isInstanceOf(Refusal.class).hasMessageContaining("unknown step 'pay'")
          .hasMessageContaining("upload, map, done");

      Map<String, Object> rows = infinity.rows("journey.step_counts", Map.of("from", List.of("1970-01-01T00:00:00Z"),
          "to", List.of("1800000"), "interval", List.of("10m"), "journey", List.of("import")));
      assertThat(Json.write(rows)).isEqualTo("{\"metric\":\"journey.step_counts\",\"rows\":["
          + "{\"time\":0,\"journey\":\"import\",\"value\":0},{\"time\":1200000,\"journey\":\"import\",\"value\":2}]}");
    }
  }

  @Test
  void registrationRejectsDuplicatesAndBadIds() {
    assertThatThrownBy(() -> Catalogue.builder().add(new StepCounts()).add(new StepCounts()))
        .hasMessageContaining("registered twice");
    Catalogue c = Catalogue.builder().add(new StepCounts()).build();
    assertThatThrownBy(() -> c.get("journey.steps")).isInstanceOf(Refusal.class)
        .hasMessageContaining("valid metrics: journey.step_counts");
  }

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }
}
