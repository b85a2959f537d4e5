package io.weir.engine.udf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real UDF jars for tests: Java sources compiled with the JDK's compiler against the test
 * class path (which holds udf-api), packed with any extra entries. No mocks: the engine loads
 * these jars exactly as it loads uploaded ones.
 */
public final class TestJars {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();

  public static TestJars builder() {
    return new TestJars();
  }

  /** A class: its fully qualified name and its source. */
  public TestJars source(String className, String source) {
    sources.put(className, source);
    return this;
  }

  public TestJars resource(String path, byte[] bytes) {
    resources.put(path, bytes);
    return this;
  }

  public TestJars resource(String path, String text) {
    return resource(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Compiles the sources and writes the jar to {@code jar}; returns it. */
  public Path build(Path jar) {
    try {
      Path work = Files.createTempDirectory("weir-testjar-");
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
          System.getProperty("java.class.path"), "-parameters", "--release", "17", "-nowarn"));
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        args.add(file.toString());
      }
      if (!sources.isEmpty()) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(new String[0]));
        if (rc != 0) {
          throw new IllegalStateException("test jar sources do not compile:\n" + err);
        }
      }
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
          out.putNextEntry(new JarEntry(r.getKey()));
          out.write(r.getValue());
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a zip with exactly these raw entry names (for unsafe-entry tests). */
  public static Path rawZip(Path file, String... entryNames) {
    try (OutputStream os = Files.newOutputStream(file);
        java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(os)) {
      for (String n : entryNames) {
        zip.putNextEntry(new java.util.zip.ZipEntry(n));
        zip.write("x".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
