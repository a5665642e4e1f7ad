package io.uxlens.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Attempt;
import io.uxlens.store.JourneyStore;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ArchitectureTest} catch what they are meant to: each is evaluated on a fixture class from the
 * test sources that breaks it (must fail), and on the same neighbourhood without the fixture (must pass).
 */
class LayerRulesTest {
  private static JavaClasses classes(String... names) throws ClassNotFoundException {
    Class<?>[] loaded = new Class<?>[names.length];
    for (int i = 0; i < names.length; i++) {
      loaded[i] = Class.forName(names[i]);
    }
    return new ClassFileImporter().importClasses(loaded);
  }

  private static final String[] NEIGHBOURHOOD = {JourneyDefinitions.class.getName(), Sessionizer.class.getName(),
      JourneyStore.class.getName(), Attempt.class.getName()};

  private static String[] with(String fixture) {
    String[] all = java.util.Arrays.copyOf(NEIGHBOURHOOD, NEIGHBOURHOOD.length + 1);
    all[NEIGHBOURHOOD.length] = fixture;
    return all;
  }

  @Test
  void aStoreClassUsingTheJourneyEngineBreaksTheLayering() throws Exception {
    assertThat(ArchitectureTest.layers().evaluate(classes(NEIGHBOURHOOD)).hasViolation()).isFalse();
    EvaluationResult broken = ArchitectureTest.layers().evaluate(classes(with("io.uxlens.store.UpwardImportFixture")));
    assertThat(broken.hasViolation()).isTrue();
    assertThat(broken.getFailureReport().getDetails()).anyMatch(d -> d.contains("UpwardImportFixture")
        && d.contains("JourneyDefinitions"));
  }

  @Test
  void aModelClassPointingBackAtJourneyClosesACycle() throws Exception {
    assertThat(ArchitectureTest.noPackageCycles().evaluate(classes(NEIGHBOURHOOD)).hasViolation()).isFalse();
    EvaluationResult broken = ArchitectureTest.noPackageCycles()
        .evaluate(classes(with("io.uxlens.model.CycleFixture")));
    assertThat(broken.hasViolation()).isTrue();
    assertThat(broken.getFailureReport().toString()).contains("Cycle detected");
  }

  @Test
  void theJourneyEngineRunningSqlIsCaught() throws Exception {
    assertThat(ArchitectureTest.onlyTheStoreSpeaksSql().evaluate(classes(NEIGHBOURHOOD)).hasViolation()).isFalse();
    EvaluationResult broken = ArchitectureTest.onlyTheStoreSpeaksSql()
        .evaluate(classes(with("io.uxlens.journey.SqlFixture")));
    assertThat(broken.hasViolation()).isTrue();
    assertThat(broken.getFailureReport().getDetails()).anyMatch(d -> d.contains("SqlFixture")
        && d.contains("org.jdbi"));
  }
}
