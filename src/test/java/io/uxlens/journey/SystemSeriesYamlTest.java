package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code system_series} of a journey: a PromQL expression the dashboards pair with its error rate. */
class SystemSeriesYamlTest {
  @TempDir Path dir;

  private JourneyDefinitions load(String systemSeriesLine) throws Exception {
    Path f = dir.resolve("j.yml");
    Files.writeString(f, """
        journeys:
          - id: pay
            steps:
              - {id: a, event: A}
              - {id: b, event: B}
            abandon_after: 30m
        """ + (systemSeriesLine == null ? "" : "    " + systemSeriesLine + "\n"));
    return JourneyDefinitions.load(f);
  }

  @Test
  void isReadWhenGivenAndAbsentOtherwise() throws Exception {
    assertThat(load("system_series: max(db_cpu_ratio{db=\"orders\"})").all().get(0).systemSeries())
        .isEqualTo("max(db_cpu_ratio{db=\"orders\"})");
    assertThat(load(null).all().get(0).systemSeries()).isNull();
    assertThat(JourneyDefinitions.loadDefault().byId("checkout").orElseThrow().systemSeries())
        .isEqualTo("max(uxlens_demo_orders_db_cpu_ratio)");
  }

  @Test
  void anEmptyOrNonTextSeriesIsRefusedWithItsPath() {
    assertThatThrownBy(() -> load("system_series: \"\"")).isInstanceOf(JourneyFileException.class)
        .hasMessageContaining("journeys[0].system_series").hasMessageContaining("non-empty text");
    assertThatThrownBy(() -> load("system_series: [a]")).isInstanceOf(JourneyFileException.class)
        .hasMessageContaining("journeys[0].system_series");
  }
}
