package io.uxlens.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndustryReferencesTest {
  @TempDir
  Path dir;

  @Test
  void shippedValuesCarryTheirSources() {
    IndustryReferences b = IndustryReferences.defaults();
    IndustryReference completion = b.get("completion_rate").orElseThrow();
    assertThat(completion.value()).isEqualTo(0.78);
    assertThat(completion.higherIsBetter()).isTrue();
    assertThat(completion.source()).contains("MeasuringU");
    assertThat(b.get("sus").orElseThrow().value()).isEqualTo(68);
    assertThat(b.get("sus").orElseThrow().source()).contains("Sauro");
    assertThat(b.get("nps")).isPresent();
    assertThat(b.get("csat")).isPresent();
    assertThat(b.all()).allSatisfy(x -> assertThat(x.source()).isNotBlank());
  }

  @Test
  void statusAgainstTargetAndBenchmark() {
    IndustryReferences b = IndustryReferences.defaults();
    // completion: benchmark 0.78, target 0.85
    assertThat(b.assess("completion_rate", 0.90, 0.85).status()).isEqualTo(KpiStatus.ABOVE_TARGET);
    assertThat(b.assess("completion_rate", 0.85, 0.85).status()).isEqualTo(KpiStatus.ABOVE_TARGET);
    assertThat(b.assess("completion_rate", 0.80, 0.85).status()).isEqualTo(KpiStatus.BELOW_TARGET);
    assertThat(b.assess("completion_rate", 0.78, 0.85).status()).isEqualTo(KpiStatus.BELOW_TARGET);
    assertThat(b.assess("completion_rate", 0.70, 0.85).status()).isEqualTo(KpiStatus.BELOW_BENCHMARK);
    // a lax target does not hide a value under the industry benchmark
    assertThat(b.assess("completion_rate", 0.70, 0.60).status()).isEqualTo(KpiStatus.BELOW_BENCHMARK);
    assertThat(b.assess("completion_rate", 0.80, null).status()).isEqualTo(KpiStatus.NO_TARGET);
    assertThat(b.assess("completion_rate", null, 0.85).status()).isEqualTo(KpiStatus.NO_DATA);
    Assessment a = b.assess("completion_rate", 0.80, 0.85);
    assertThat(a.benchmark()).isEqualTo(0.78);
    assertThat(a.source()).contains("MeasuringU");
  }

  @Test
  void lowerIsBetterWithoutBenchmark() {
    IndustryReferences b = IndustryReferences.defaults();
    assertThat(b.assess("error_rate", 0.01, 0.02, false).status()).isEqualTo(KpiStatus.ABOVE_TARGET);
    assertThat(b.assess("error_rate", 0.03, 0.02, false).status()).isEqualTo(KpiStatus.BELOW_TARGET);
    assertThat(b.assess("error_rate", 0.03, 0.02, false).benchmark()).isNull();
    assertThatThrownBy(() -> b.assess("error_rate", 0.03, 0.02))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("higher is better");
    assertThatThrownBy(() -> b.assess("completion_rate", 0.5, 0.8, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts");
  }

  @Test
  void userFileOverridesAndAdds() throws Exception {
    Path file = dir.resolve("mine.yml");
    Files.writeString(file, """
        benchmarks:
          - kpi: completion_rate
            value: 0.9
            higher_is_better: true
            source: our 2025 baseline
          - kpi: error_rate
            value: 0.05
            unit: ratio
            higher_is_better: false
            source: internal
        """);
    IndustryReferences b = IndustryReferences.withOverrides(file);
    assertThat(b.get("completion_rate").orElseThrow().value()).isEqualTo(0.9);
    assertThat(b.get("sus").orElseThrow().value()).isEqualTo(68);
    assertThat(b.assess("error_rate", 0.06, 0.02).status()).isEqualTo(KpiStatus.BELOW_BENCHMARK);
    assertThat(b.assess("completion_rate", 0.85, 0.8).status()).isEqualTo(KpiStatus.BELOW_BENCHMARK);
  }

  @Test
  void badFilesNameTheField() throws Exception {
    assertThatThrownBy(() -> load("benchmarks:\n  - kpi: sus\n    value: 70\n    higher_is_better: true\n"))
        .isInstanceOf(ReferencesFileException.class).hasMessageContaining("source");
    assertThatThrownBy(() -> load("benchmarks:\n  - kpi: sus\n    value: high\n    higher_is_better: true\n"
        + "    source: x\n")).isInstanceOf(ReferencesFileException.class).hasMessageContaining("value");
    assertThatThrownBy(() -> load("benchmarks:\n  - kpi: sus\n    value: 1\n    higher_is_better: true\n"
        + "    source: x\n    colour: red\n")).isInstanceOf(ReferencesFileException.class).hasMessageContaining("colour");
    assertThatThrownBy(() -> load("benchmarks:\n  - kpi: Bad KPI\n    value: 1\n    higher_is_better: true\n"
        + "    source: x\n")).isInstanceOf(ReferencesFileException.class).hasMessageContaining("kpi");
    assertThatThrownBy(() -> load("benchmarks:\n  - kpi: sus\n    value: 1\n    source: x\n"))
        .isInstanceOf(ReferencesFileException.class).hasMessageContaining("higher_is_better");
    assertThatThrownBy(() -> load("other: 1\n"))
        .isInstanceOf(ReferencesFileException.class).hasMessageContaining("other");
    assertThatThrownBy(() -> load("{}\n"))
        .isInstanceOf(ReferencesFileException.class).hasMessageContaining("benchmarks:");
    assertThatThrownBy(() -> IndustryReferences.withOverrides(dir.resolve("absent.yml")))
        .isInstanceOf(ReferencesFileException.class).hasMessageContaining("cannot read");
  }

  private IndustryReferences load(String yaml) throws Exception {
    Path f = dir.resolve("x.yml");
    Files.writeString(f, yaml);
    return IndustryReferences.withOverrides(f);
  }
}
