package io.weir.engine.udf;

import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.udf.FunctionContext;
import io.weir.udf.Lifecycle;
import io.weir.udf.reflect.FunctionDefinition;
import io.weir.udf.reflect.FunctionInspector;
import io.weir.udf.reflect.FunctionKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user functions of one running query: it holds the class loaders of the jar versions the
 * query was planned with (so a replaced function or jar does not affect it), creates and opens
 * the instances the query's operators call, and at {@link #close} closes them and gives the
 * loaders back — the last query of a version releases its loader.
 *
 * <p><b>Call order.</b> Created by {@link UdfManager#openSession}; the operators take their
 * invokers while the query starts; {@link #close} once when the query ended. <b>Threading.</b>
 * Creation and close on the query's task thread; the returned objects document their own.
 * <b>Failures.</b> A class that no longer loads or an {@code open()} that throws is a user
 * {@link WeirException} naming the function.
 */
public final class UdfSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdfSession.class);

  /** No functions: for queries that use none. */
  public static final UdfSession NONE = new UdfSession(null, "", Map.of(), new QueryMetrics());

  private final UdfManager manager;
  private final String queryId;
  private final Map<String, String> properties;
  private final QueryMetrics metrics;
  private final Map<String, Loaded> loaded = new HashMap<>();
  private final List<Object> opened = new ArrayList<>();
  private final List<ScalarInvoker> scalars = new ArrayList<>();
  private final List<BatchFunction> batches = new ArrayList<>();
  private boolean closed;

  /** One function version, loaded. */
  private record Loaded(FunctionDef def, LoaderCache.Lease lease, FunctionDefinition definition,
      Map<String, Object> sharedInstance) {}

  UdfSession(UdfManager manager, String queryId, Map<String, String> properties,
      QueryMetrics metrics) {
    this.manager = manager;
    this.queryId = queryId;
    this.properties = Map.copyOf(properties);
    this.metrics = metrics;
  }

  void load(FunctionDef def) {
    String key = key(def);
    if (loaded.containsKey(key)) {
      return;
    }
    LoaderCache.Lease lease = manager.lease(def);
    try {
      Class<?> c = Class.forName(def.className(), true, lease.loader());
      FunctionDefinition d = FunctionInspector.inspect(c);
      if (d.signatures().size() != def.signatures().size() || d.kind() != def.kind()) {
        throw WeirException.internal("function '" + def.name() + "' no longer matches its jar", null);
      }
      loaded.put(key, new Loaded(def, lease, d, new HashMap<>()));
    } catch (ClassNotFoundException | LinkageError e) {
      lease.close();
      throw WeirException.user("function '" + def.name() + "': class " + def.className()
          + " cannot be loaded from jar '" + def.jarName() + "': " + e);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static String key(FunctionDef def) {
    return def.name().toLowerCase(Locale.ROOT) + "@" + def.jarSha256() + "/" + def.className();
  }

  private Loaded loaded(FunctionRef ref) {
    Loaded l = loaded.get(key(ref.function()));
    if (l == null) {
      throw WeirException.internal("function '" + ref.function().name()
          + "' was not loaded for query " + queryId, null);
    }
    return l;
  }

  /** The metrics of a function in this query. */
  public FunctionMetrics metrics(FunctionRef ref) {
    return metrics.function(ref.function().name(), ref.function().kind().name().toLowerCase(Locale.ROOT));
  }

  /** How a pooled function runs in this query (function options, then query properties). */
  public PoolOptions options(FunctionRef ref) {
    return manager.defaults().resolve(ref.function().options(), properties, ref.function().name());
  }

  public WorkerPool pool() {
    return manager.pool();
  }

  /** The invoker of a scalar overload; all overloads of a function share one opened instance. */
  public ScalarInvoker scalar(FunctionRef ref) {
    Loaded l = loaded(ref);
    var sig = l.definition().signatures().get(ref.signature());
    Object instance = null;
    if (!java.lang.reflect.Modifier.isStatic(sig.method().getModifiers())) {
      instance = l.sharedInstance().computeIfAbsent("scalar", k -> newOpened(l));
    }
    ScalarInvoker inv = new ScalarInvoker(ref.function().name(), sig, instance,
        l.lease().loader(), metrics(ref));
    scalars.add(inv);
    return inv;
  }

  /** A new instance of an aggregate function, for one aggregate call. */
  public AggregateInvoker aggregate(FunctionRef ref) {
    Loaded l = loaded(ref);
    return new AggregateInvoker(ref.function().name(), l.definition().signatures().get(ref.signature()),
        newOpened(l), l.lease().loader());
  }

  /** {@code n} opened instances of a model or window function, one per worker. */
  public List<BatchFunction> instances(FunctionRef ref, int n) {
    Loaded l = loaded(ref);
    if (l.def().kind() != FunctionKind.MODEL && l.def().kind() != FunctionKind.WINDOW) {
      throw WeirException.internal("function '" + ref.function().name() + "' is not pooled", null);
    }
    List<BatchFunction> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BatchFunction f = new BatchFunction(ref.function().name(), l.def().kind(),
          l.definition().signatures().get(ref.signature()), newOpened(l), l.lease().loader());
      batches.add(f);
      out.add(f);
    }
    return out;
  }

  private Object newOpened(Loaded l) {
    FunctionDef def = l.def();
    Object instance;
    try {
      instance = UserCode.with(l.lease().loader(),
          () -> l.definition().functionClass().getConstructor().newInstance());
    } catch (Throwable e) {
      UserCode.rethrowFatal(e);
      throw WeirException.user("function '" + def.name() + "': cannot create an instance of "
          + def.className() + ": " + UserCode.describe(e));
    }
    if (instance instanceof Lifecycle lc) {
      FunctionContext ctx = new EngineFunctionContext(def.name(), queryId, def.config(),
          l.lease().loader(), metrics.function(def.name(), def.kind().name().toLowerCase(Locale.ROOT)));
      opened.add(instance);
      try {
        UserCode.with(l.lease().loader(), () -> {
          lc.open(ctx);
          return null;
        });
      } catch (Throwable e) {
        UserCode.rethrowFatal(e);
        throw WeirException.user("function '" + def.name() + "': open() failed: "
            + UserCode.describe(e));
      }
    }
    return instance;
  }

  /** Publishes counters kept in batches (scalar calls). */
  public void publishMetrics() {
    for (ScalarInvoker s : scalars) {
      s.publish();
    }
  }

  /** Closes every instance and gives the class loaders back. Idempotent. */
  @Override
  public void close() {
    if (closed || manager == null) {
      return;
    }
    closed = true;
    publishMetrics();
    for (Object o : opened) {
      if (o instanceof Lifecycle lc) {
        try {
          ClassLoader cl = o.getClass().getClassLoader();
          UserCode.with(cl, () -> {
            lc.close();
            return null;
          });
        } catch (Throwable e) {
          UserCode.rethrowFatal(e);
          LOG.warn("query {}: close() of {} failed: {}", queryId, o.getClass().getName(),
              UserCode.describe(e));
        }
      }
    }
    opened.clear();
    batches.clear();
    scalars.clear();
    for (Loaded l : loaded.values()) {
      metrics.function(l.def().name(), l.def().kind().name().toLowerCase(Locale.ROOT))
          .clearUserGauges();
      l.lease().close();
    }
    loaded.clear();
    manager.sessionClosed(this);
  }

  String queryId() {
    return queryId;
  }

  /** The jar names this session's functions come from. */
  List<String> jarNames() {
    return loaded.values().stream().map(l -> l.def().jarName()).distinct().toList();
  }
}
