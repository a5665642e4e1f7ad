package io.uxlens.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.uxlens.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCatalogTest {
  private static final String GOOD = """
      experiments:
        - id: import-progress-bar
          journey: import
          metric: abandonment_rate
          control: A
          variants:
            - {id: A, weight: 50}
            - {id: B, weight: 50}
          minimum_detectable_effect: {relative: 0.10}
          start: 2026-11-01
          stop: 2026-12-01T00:00:00Z
        - id: checkout-copy
          journey: checkout
          metric: time_on_task
          control: control
          variants: [{id: control}, {id: short}, {id: shorter, weight: 2}]
          minimum_detectable_effect: {absolute: 5}
      """;

  @Test
  void parsesValidatedDefinitions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("experiments.yaml");
    Files.writeString(file, GOOD);
    ExperimentCatalog catalog = ExperimentCatalog.load(file);
    ExperimentDefinition d = catalog.declared("import-progress-bar").orElseThrow();
    assertThat(d.journey()).isEqualTo("import");
    assertThat(d.metric()).isEqualTo(ExperimentKpi.ABANDONMENT_RATE);
    assertThat(d.variants()).containsExactly(new Variant("A", 50), new Variant("B", 50));
    assertThat(d.control()).isEqualTo("A");
    assertThat(d.mde()).isEqualTo(MinimumDetectableEffect.relative(0.10));
    assertThat(d.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(d.stop()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(d.discovered()).isFalse();
    assertThat(d.running(Instant.parse("2026-11-15T00:00:00Z").toEpochMilli())).isTrue();
    assertThat(d.running(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli())).isFalse();
    ExperimentDefinition t = catalog.declared("checkout-copy").orElseThrow();
    assertThat(t.variants()).extracting(Variant::weight).containsExactly(1.0, 1.0, 2.0); // weight defaults to 1
    assertThat(t.mde()).isEqualTo(MinimumDetectableEffect.absolute(5));
    assertThat(catalog.all()).extracting(ExperimentDefinition::id)
        .containsExactly("checkout-copy", "import-progress-bar");
    assertThat(catalog.ids(List.of("seen-only"))).containsExactly("checkout-copy", "import-progress-bar",
        "seen-only");
  }

  @Test
  void refusesWithPathAndRule() {
    assertRefused(GOOD.replace("control: A", "control: Z"), "experiments[0].control",
        "control 'Z' must be one of the variants [A, B]");
    assertRefused(GOOD.replace("weight: 50}", "weight: 0}"), "experiments[0].variants",
        "weights must sum to a positive number");
    assertRefused(GOOD.replace("weight: 50}\n      - {id: B, weight: 50}", "weight: -1}\n      - {id: B}"),
        "experiments[0].variants[0].weight", "weight must be a finite number >= 0");
    assertRefused(GOOD.replace("id: checkout-copy", "id: import-progress-bar"), "experiments[1].id",
        "duplicate experiment id 'import-progress-bar' (first declared at experiments[0])");
    assertRefused(GOOD.replace("{id: B, weight: 50}", "{id: A, weight: 50}"), "experiments[0].variants[1].id",
        "duplicate variant id 'A'");
    assertRefused(GOOD.replace("metric: abandonment_rate", "metric: bounce_rate"), "experiments[0].metric",
        "unknown metric 'bounce_rate'; one of completion_rate, abandonment_rate, error_rate, time_on_task");
    assertRefused(GOOD.replace("    journey: import\n", ""), "experiments[0].journey", "journey is required");
    assertRefused(GOOD.replace("{relative: 0.10}", "{relative: 0.1, absolute: 0.02}"),
        "experiments[0].minimum_detectable_effect", "exactly one of absolute");
    assertRefused(GOOD.replace("{relative: 0.10}", "{absolute: 2}"),
        "experiments[0].minimum_detectable_effect.absolute", "a fraction below 1");
    assertRefused(GOOD.replace("stop: 2026-12-01T00:00:00Z", "stop: 2026-10-01"), "experiments[0].stop",
        "stop must be after start");
    assertRefused(GOOD.replace("start: 2026-11-01", "start: yesterday"), "experiments[0].start",
        "ISO-8601");
    assertRefused(GOOD.replace("journey: checkout", "journey: checkout\n    colour: red"), "experiments[1].colour",
        "unknown field 'colour'");
    assertRefused(GOOD.replace("variants: [{id: control}, {id: short}, {id: shorter, weight: 2}]",
            "variants: [{id: control}]"),
        "experiments[1].variants", "at least two variants");
    assertRefused(GOOD.replace("{id: A, weight: 50}", "{id: A, weight: heavy}"),
        "experiments[0].variants[0].weight", "wrong type");
    assertRefused("experiments: [", "", "not valid YAML at line 1");
  }

  @Test
  void emptyFileIsAnEmptyCatalogue() {
    assertThat(ExperimentCatalog.parse("").all()).isEmpty();
    assertThat(ExperimentCatalog.parse("experiments: []").all()).isEmpty();
  }

  @Test
  void unknownExperimentIsRefusedAndSeenOnesAreDiscoveredWithEqualWeights() {
    ExperimentCatalog catalog = ExperimentCatalog.parse(GOOD);
    Refusal e = catchThrowableOfType(Refusal.class,
        () -> catalog.resolve("nope", List.of()));
    assertThat(e.field()).isEqualTo("experiment");
    assertThat(e.rule()).isEqualTo("unknown experiment 'nope' (known: checkout-copy, import-progress-bar)");

    ExperimentDefinition found = catalog.resolve("banner-test", List.of("treatment", "Control", "alt"));
    assertThat(found.discovered()).isTrue();
    assertThat(found.control()).isEqualTo("Control");
    assertThat(found.variants()).extracting(Variant::weight).containsOnly(1.0);
    assertThat(found.metric()).isEqualTo(ExperimentKpi.COMPLETION_RATE);
    assertThat(found.journey()).isNull();
    assertThat(catalog.resolve("ab", List.of("B", "A")).control()).isEqualTo("A");
    assertThat(catalog.resolve("xy", List.of("y", "x")).control()).isEqualTo("x");
    // Declared wins over what exposures show.
    assertThat(catalog.resolve("import-progress-bar", List.of("Q")).discovered()).isFalse();
  }

  private static void assertRefused(String yaml, String path, String ruleFragment) {
    assertThatThrownBy(() -> ExperimentCatalog.parse(yaml))
        .isInstanceOfSatisfying(Refusal.class, e -> {
          assertThat(e.field()).isEqualTo(path);
          assertThat(e.rule()).contains(ruleFragment);
        });
  }
}
