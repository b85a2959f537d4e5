package io.weir.engine.udf;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The class loader of one jar version. Its parent exposes only the JDK (the platform class
 * loader) and the UDF API ({@code io.weir.udf.*}, from the engine's own loader): Weir's
 * internals, Calcite, Kafka, Jackson, Scala and the rest of the server's class path are
 * invisible, so a jar may bundle any version of any library. Classes are looked up in the parent
 * first (the JDK and the API cannot be replaced), then in the jar.
 *
 * <p>Thread-safe (parallel capable). {@link #close()} closes the jar file; classes already loaded
 * stay usable, and the loader is collected when nothing references it.
 */
public final class UdfClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final String description;

  UdfClassLoader(Path jar, String description) {
    super("udf:" + description, new URL[] {url(jar)}, new ApiOnly());
    this.description = description;
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (IOException e) {
      throw new IllegalArgumentException("bad jar path " + jar, e);
    }
  }

  /** {@code name@sha256} of the jar. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "UdfClassLoader[" + description + "]";
  }

  /** The JDK plus {@code io.weir.udf.*}; nothing else of the server's class path. */
  static final class ApiOnly extends ClassLoader {
    private static final String API = "io.weir.udf.";
    private static final ClassLoader ENGINE = ApiOnly.class.getClassLoader();

    static {
      ClassLoader.registerAsParallelCapable();
    }

    ApiOnly() {
      super("weir-udf-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(API)) {
        return ENGINE.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      if (name.startsWith("io/weir/udf/")) {
        return ENGINE.getResource(name);
      }
      return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith("io/weir/udf/")) {
        return ENGINE.getResources(name);
      }
      return getParent() == null ? Collections.emptyEnumeration() : getParent().getResources(name);
    }
  }
}
