package io.uxlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, checked on the compiled main classes: each layer uses only the layers below
 * it, top-level packages form no cycle, and only the store speaks SQL and only the server speaks Jetty.
 * {@link LayerRulesTest} shows that these rules fail on a forbidden import.
 */
class ArchitectureTest {
  static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.uxlens");
  }

  /** The layering, top to bottom; a layer may use any layer below it, never one above. */
  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
        .layer("cli").definedBy("io.uxlens.cli..")
        .layer("tools").definedBy("io.uxlens.bench..", "io.uxlens.demo..", "io.uxlens.dashboards..",
            "io.uxlens.importer..")
        .layer("server").definedBy("io.uxlens.server..")
        .layer("adapters").definedBy("io.uxlens.datasource..", "io.uxlens.prometheus..")
        .layer("query").definedBy("io.uxlens.query..")
        .layer("engines").definedBy("io.uxlens.journey..", "io.uxlens.correlate..", "io.uxlens.experiment..",
            "io.uxlens.feedback..", "io.uxlens.references..", "io.uxlens.telemetry..", "io.uxlens.explain..")
        .layer("ingest").definedBy("io.uxlens.ingest..")
        .layer("store").definedBy("io.uxlens.store..")
        .layer("foundation").definedBy("io.uxlens", "io.uxlens.model..", "io.uxlens.json..", "io.uxlens.config..",
            "io.uxlens.grafana..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli", "tools")
        .whereLayer("adapters").mayOnlyBeAccessedByLayers("cli", "tools", "server")
        .whereLayer("query").mayOnlyBeAccessedByLayers("cli", "tools", "server", "adapters")
        .whereLayer("engines").mayOnlyBeAccessedByLayers("cli", "tools", "server", "adapters", "query")
        .whereLayer("ingest").mayOnlyBeAccessedByLayers("cli", "tools", "server")
        .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "tools", "server", "adapters", "query", "engines");
  }

  static ArchRule noPackageCycles() {
    return slices().matching("io.uxlens.(*)..").should().beFreeOfCycles();
  }

  /** The journey engine and the other analyses work on records: SQL and JDBI stay in the store. */
  static ArchRule onlyTheStoreSpeaksSql() {
    return noClasses().that().resideOutsideOfPackages("io.uxlens.store..", "io.uxlens.bench..")
        .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.flywaydb..");
  }

  /** HTTP serving is the server's: codecs, adapters and engines know no Jetty. */
  static ArchRule onlyTheServerSpeaksJetty() {
    return noClasses().that().resideOutsideOfPackage("io.uxlens.server..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");
  }

  @Test
  void layersPointDownOnly() {
    layers().check(main);
  }

  @Test
  void topLevelPackagesHaveNoCycle() {
    noPackageCycles().check(main);
  }

  @Test
  void sqlStaysInTheStore() {
    onlyTheStoreSpeaksSql().check(main);
  }

  @Test
  void jettyStaysInTheServer() {
    onlyTheServerSpeaksJetty().check(main);
  }
}
