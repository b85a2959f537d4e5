package io.weir.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put examples-sql/udf's jar (the one a user uploads). */
final class ExampleJar {
  private ExampleJar() {}

  static Path path() {
    for (String candidate : new String[] {"udf/target/weir-examples-udf.jar",
        "examples-sql/udf/target/weir-examples-udf.jar"}) {
      Path p = Path.of(candidate).toAbsolutePath();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("examples-sql/udf/target/weir-examples-udf.jar is missing; "
        + "build it first: mvn -pl examples-sql/udf -am package (it is built at process-classes, "
        + "so any reactor build that includes that module makes it)");
  }
}
