package io.weir.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's package arrows: the HTTP client and the renderers know the REST API's records, never
 * the server's implementation or the engine; the demo's generator knows only Kafka's producer.
 */
class CliArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.weir.cli");
  }

  @Test
  void theClientAndRenderersKnowOnlyTheApi() {
    noClasses().that().resideInAnyPackage("io.weir.cli.client..", "io.weir.cli.render..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weir.engine..",
            "io.weir.server", "io.weir.server.http..", "io.weir.server.store..", "io.netty..",
            "io.weir.cli")
        .check(classes);
  }

  @Test
  void theGeneratorKnowsNeitherEngineNorServer() {
    noClasses().that().resideInAPackage("io.weir.cli.demo..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weir.engine..", "io.weir.server..")
        .check(classes);
  }
}
