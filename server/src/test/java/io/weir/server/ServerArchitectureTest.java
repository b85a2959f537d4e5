package io.weir.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's package arrows: api is JDK-only, the store knows no HTTP, HTTP knows only the facade. */
class ServerArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.weir.server");
  }

  @Test
  void theApiRecordsNeedOnlyTheJdk() {
    noClasses().that().resideInAPackage("io.weir.server.api..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.weir.server.api..")
        .check(classes);
  }

  @Test
  void theCommandLogKnowsNoHttp() {
    noClasses().that().resideInAPackage("io.weir.server.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.weir.server.http..",
            "io.weir.engine.sql..", "io.weir.engine.runtime..")
        .check(classes);
  }

  @Test
  void theHttpLayerUsesTheEngineOnlyThroughItsFacade() {
    noClasses().that().resideInAPackage("io.weir.server.http..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weir.engine.sql..",
            "io.weir.engine.plan..", "io.weir.engine.graph..", "io.weir.engine.operators..",
            "io.weir.engine.state..", "io.weir.engine.connectors.kafka..", "org.apache.kafka..",
            "org.apache.calcite..", "io.weir.server.store..")
        .check(classes);
  }
}
