package io.weir.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of the engine (sql → plan → graph → runtime → operators → state →
 * connectors), checked on the compiled classes: a dependency that points the wrong way fails
 * the build.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.weir.engine");
  }

  @Test
  void operatorsKnowNeitherThePlannerNorTheRuntime() {
    noClasses().that().resideInAPackage("..engine.operators..")
        .should().dependOnClassesThat().resideInAnyPackage("..engine.plan..", "..engine.sql..",
            "..engine.runtime..", "org.apache.calcite.rel..", "org.apache.calcite.sql..",
            "org.apache.calcite.plan..")
        .check(classes);
  }

  @Test
  void theJobGraphHasNoCalcite() {
    noClasses().that().resideInAPackage("..engine.graph..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..",
            "..engine.plan..", "..engine.sql..", "..engine.runtime..")
        .check(classes);
  }

  @Test
  void theRuntimeDoesNotPlan() {
    noClasses().that().resideInAPackage("..engine.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("..engine.plan..", "..engine.sql..",
            "org.apache.calcite.rel..", "org.apache.calcite.sql..", "org.apache.calcite.plan..")
        .check(classes);
  }

  @Test
  void theFrontEndDoesNotRun() {
    noClasses().that().resideInAnyPackage("..engine.sql..", "..engine.plan..")
        .should().dependOnClassesThat().resideInAnyPackage("..engine.runtime..")
        .check(classes);
  }

  @Test
  void onlyTheRocksDbStoreImportsRocksDb() {
    noClasses().that().resideOutsideOfPackage("..engine.state.rocksdb..")
        .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
        .check(classes);
  }

  @Test
  void onlyTheKafkaConnectorImportsKafka() {
    noClasses().that().resideOutsideOfPackage("..engine.connectors.kafka..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..")
        .check(classes);
  }

  @Test
  void stateKnowsNoOperatorOrConnector() {
    noClasses().that().resideInAPackage("..engine.state..")
        .should().dependOnClassesThat().resideInAnyPackage("..engine.operators..",
            "..engine.connectors..", "..engine.runtime..", "..engine.plan..", "..engine.sql..")
        .check(classes);
  }

  @Test
  void dataErrorsAndMetricsAreLeaves() {
    noClasses().that().resideInAnyPackage("..engine.data..", "..engine.errors..", "..engine.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weir.engine.sql..",
            "io.weir.engine.plan..", "io.weir.engine.graph..", "io.weir.engine.runtime..",
            "io.weir.engine.operators..", "io.weir.engine.state..", "io.weir.engine.connectors..",
            "org.apache..")
        .check(classes);
  }
}
