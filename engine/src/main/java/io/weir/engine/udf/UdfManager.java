package io.weir.engine.udf;

import io.weir.engine.data.Field;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.udf.reflect.FunctionDefinition;
import io.weir.udf.reflect.FunctionInspector;
import io.weir.udf.reflect.FunctionKind;
import io.weir.udf.reflect.Parameter;
import io.weir.udf.reflect.Signature;
import io.weir.udf.reflect.UdfDefinitionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The engine's user-defined functions: the jar store, the function registry, the class loaders
 * of jar versions in use, the worker pool, and which running query uses which jar.
 *
 * <p><b>Threading.</b> Thread-safe. <b>Failures.</b> Every check that can fail on user input
 * ({@link #define}, {@link #deleteJar}) throws a user {@link WeirException} that says what is wrong
 * and how to fix it.
 */
public final class UdfManager implements AutoCloseable {

  /**
   * How user functions run in an engine.
   *
   * @param poolThreads threads of the shared worker pool
   * @param defaults the pool options of functions that set none
   * @param maxJarBytes the largest jar accepted
   */
  public record Config(int poolThreads, PoolOptions defaults, long maxJarBytes) {
    public static Config standard() {
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      return new Config(threads, PoolOptions.defaults(threads), 512L * 1024 * 1024);
    }
  }

  private final Config config;
  private final JarStore jars;
  private final FunctionRegistry functions = new FunctionRegistry();
  private final LoaderCache loaders = new LoaderCache();
  private final WorkerPool pool;
  private final Map<UdfSession, Boolean> sessions = new java.util.concurrent.ConcurrentHashMap<>();

  public UdfManager(Path jarDirectory, Config config) {
    this.config = config;
    this.jars = JarStore.open(jarDirectory);
    this.pool = new WorkerPool(config.poolThreads());
  }

  public Config config() {
    return config;
  }

  public JarStore jars() {
    return jars;
  }

  public FunctionRegistry functions() {
    return functions;
  }

  public WorkerPool pool() {
    return pool;
  }

  public PoolOptions defaults() {
    return config.defaults();
  }

  // ------------------------------------------------------------------------------------ jars

  /** Starts streaming a jar into the store under {@code name} (the size limit applies). */
  public JarStore.Upload beginUpload(String name) {
    return jars.begin(name, config.maxJarBytes());
  }

  /** Stores a jar from a stream; the name then maps to this version. */
  public JarInfo putJar(String name, java.io.InputStream in) {
    JarInfo j = jars.put(name, in, config.maxJarBytes());
    collectGarbage();
    return j;
  }

  /**
   * Who uses the jar {@code name}: running queries ({@code query <id>}) and functions ({@code
   * function <name>}).
   */
  public List<String> usersOfJar(String name) {
    List<String> users = new ArrayList<>();
    for (UdfSession s : sessions.keySet()) {
      if (s.jarNames().contains(name)) {
        users.add("query " + s.queryId());
      }
    }
    for (FunctionDef f : functions.list()) {
      if (f.jarName().equals(name)) {
        users.add("function " + f.name());
      }
    }
    return users;
  }

  /**
   * Deletes a jar name.
   *
   * @throws WeirException (user) when no such jar exists, or it is in use — naming the users
   */
  public void deleteJar(String name) {
    JarStore.checkName(name);
    if (jars.get(name) == null) {
      throw WeirException.user("no jar named '" + name + "'");
    }
    List<String> users = usersOfJar(name);
    if (!users.isEmpty()) {
      throw new InUse("jar '" + name + "' is in use by " + String.join(", ", users)
          + "; stop those queries and drop those functions first");
    }
    jars.remove(name);
    collectGarbage();
  }

  /** Deletes stored jar versions that nothing refers to any more. */
  public void collectGarbage() {
    Set<String> keep = new HashSet<>(loaders.inUse());
    for (FunctionDef f : functions.list()) {
      keep.add(f.jarSha256());
    }
    jars.collect(keep);
  }

  /** A jar in use cannot be deleted (HTTP 409). */
  public static final class InUse extends WeirException {
    public InUse(String message) {
      super(Kind.USER, message, 0, 0, null, null, null);
    }
  }

  // ------------------------------------------------------------------------------- functions

  /**
   * Checks a function against its jar — the class is there, loads, is a known kind, and its
   * signatures map to SQL types — and returns its definition (not yet registered).
   *
   * @param jarRef {@code name} or {@code name@sha256}
   * @throws WeirException (user) listing every problem
   */
  public FunctionDef define(String name, String className, String jarRef,
      Map<String, String> options) {
    JarInfo jar = jars.resolve(jarRef);
    try (LoaderCache.Lease lease = loaders.acquire(jar, jars.path(jar))) {
      Class<?> c;
      try {
        c = Class.forName(className, false, lease.loader());
      } catch (ClassNotFoundException e) {
        throw WeirException.user("class '" + className + "' is not in jar '" + jar.name()
            + "' (version " + jar.sha256().substring(0, 12) + ")" + similar(jar, className));
      } catch (LinkageError e) {
        throw WeirException.user("class '" + className + "' in jar '" + jar.name()
            + "' cannot be loaded: " + e + ". A jar sees only the JDK and io.weir.udf: bundle "
            + "every library it needs");
      }
      FunctionDefinition d;
      try {
        d = FunctionInspector.inspect(c);
      } catch (UdfDefinitionException e) {
        throw WeirException.user(e.getMessage());
      } catch (LinkageError e) {
        throw WeirException.user("class '" + className + "' in jar '" + jar.name()
            + "' refers to a class the jar does not bundle: " + e + ". A jar sees only the JDK "
            + "and io.weir.udf: bundle every library it needs");
      }
      Map<String, String> opts = new LinkedHashMap<>(options);
      boolean hasPoolOptions = opts.keySet().stream().anyMatch(k -> k.startsWith(PoolOptions.PREFIX));
      if (hasPoolOptions && d.kind() != FunctionKind.MODEL && d.kind() != FunctionKind.WINDOW) {
        throw WeirException.user("function '" + name + "' is a " + d.kind().name().toLowerCase(Locale.ROOT)
            + " function; the 'udf.*' options apply to model and window functions only");
      }
      config.defaults().with(opts, "function '" + name + "'");
      List<FunctionSignature> sigs = new ArrayList<>();
      for (Signature s : d.signatures()) {
        List<Field> params = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (Parameter p : s.parameters()) {
          params.add(new Field(p.name(), UdfTypes.toDataType(p.type())));
          descriptions.add(p.description());
        }
        sigs.add(new FunctionSignature(params, descriptions, UdfTypes.toDataType(s.returnType()),
            s.description()));
      }
      return new FunctionDef(name, className, jar.name(), jar.sha256(), d.kind(), d.description(),
          sigs, opts);
    }
  }

  /** Class names in the jar whose simple name looks like the one asked for. */
  private String similar(JarInfo jar, String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jars.path(jar).toFile())) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements() && found.size() < 5) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class") && !n.contains("$")) {
          String cls = n.substring(0, n.length() - 6).replace('/', '.');
          String s = cls.substring(cls.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
          if (s.equals(simple) || s.contains(simple) || simple.contains(s) && s.length() > 3) {
            found.add(cls);
          }
        }
      }
    } catch (IOException e) {
      return "";
    }
    return found.isEmpty() ? "" : "; did you mean " + String.join(" or ", found) + "?";
  }

  // -------------------------------------------------------------------------------- sessions

  /**
   * Loads the functions a query uses — the versions it was planned with — for the query's run.
   * Close the session when the query ends.
   */
  public UdfSession openSession(String queryId, Collection<FunctionDef> used,
      Map<String, String> properties, QueryMetrics metrics) {
    UdfSession s = new UdfSession(this, queryId, properties, metrics);
    sessions.put(s, Boolean.TRUE);
    try {
      for (FunctionDef f : used) {
        s.load(f);
      }
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  LoaderCache.Lease lease(FunctionDef def) {
    JarInfo jar = jars.resolve(def.jarName() + "@" + def.jarSha256());
    return loaders.acquire(jar, jars.path(jar));
  }

  void sessionClosed(UdfSession s) {
    sessions.remove(s);
  }

  /** The loader of a jar version while it is in use, else null (for tests). */
  public UdfClassLoader liveLoader(String sha256) {
    return loaders.live(sha256);
  }

  @Override
  public void close() {
    pool.close();
  }
}
