package io.weir.engine.connectors;

import io.weir.engine.errors.WeirException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of connectors, found with {@link ServiceLoader} from {@code
 * META-INF/services/io.weir.engine.connectors.Connector} and named by their {@code 'connector'}
 * option value. Loaded once, on first use, with this class's class loader; thread-safe.
 */
public final class Connectors {
  /**
   * Options every table may carry whatever its connector: {@code connector} itself, and the
   * side-output options read by {@link SideOutputs} ({@code dead-letter.*}, {@code late-data.*}).
   */
  public static final Set<String> COMMON_OPTIONS =
      Set.of("connector", "scan.watermark.idle-timeout", "weir.resume");

  public static final List<String> COMMON_PREFIXES = List.of("dead-letter.", "late-data.");

  private Connectors() {}

  private static final class Holder {
    static final Map<String, Connector> BY_NAME = load();

    private static Map<String, Connector> load() {
      Map<String, Connector> byName = new TreeMap<>();
      try {
        for (Connector c : ServiceLoader.load(Connector.class, Connectors.class.getClassLoader())) {
          Connector previous = byName.putIfAbsent(c.name(), c);
          if (previous != null && previous.getClass() != c.getClass()) {
            throw WeirException.internal("two connectors are named '" + c.name() + "': "
                + previous.getClass().getName() + " and " + c.getClass().getName(), null);
          }
        }
      } catch (ServiceConfigurationError e) {
        throw WeirException.internal("cannot load the connectors: " + e.getMessage(), e);
      }
      return Collections.unmodifiableMap(byName);
    }
  }

  /**
   * The connector with this name.
   *
   * @throws WeirException (user) listing the known connectors when none has the name
   */
  public static Connector forName(String name) {
    Connector c = name == null ? null : Holder.BY_NAME.get(name.trim());
    if (c == null) {
      throw WeirException.user("unknown connector '" + name + "'; known connectors: "
          + String.join(", ", Holder.BY_NAME.keySet()));
    }
    return c;
  }

  /** The connector named by the table's {@code 'connector'} option. */
  public static Connector forTable(TableDescriptor table) {
    String name = table.required("connector");
    Connector c = Holder.BY_NAME.get(name.trim());
    if (c == null) {
      throw WeirException.user("table '" + table.name() + "': unknown connector '" + name
          + "'; known connectors: " + String.join(", ", Holder.BY_NAME.keySet()));
    }
    return c;
  }

  /** The names of every registered connector, sorted. */
  public static Set<String> names() {
    return Holder.BY_NAME.keySet();
  }

  /**
   * Refuses options a connector does not know, as Flink does ("Unsupported options found"), so a
   * misspelt option fails at {@code CREATE TABLE} instead of being ignored. {@link
   * #COMMON_OPTIONS} and {@link #COMMON_PREFIXES} are always allowed.
   *
   * @param keys the exact option keys the connector knows
   * @param prefixes key prefixes the connector knows (e.g. {@code json.}, {@code fields.})
   * @throws WeirException (user) naming the first unknown option and listing the known ones
   */
  public static void checkKnownOptions(TableDescriptor table, Set<String> keys,
      List<String> prefixes) {
    for (String key : new TreeMap<>(table.options()).keySet()) {
      if (keys.contains(key) || COMMON_OPTIONS.contains(key)
          || startsWithAny(key, prefixes) || startsWithAny(key, COMMON_PREFIXES)) {
        continue;
      }
      StringBuilder known = new StringBuilder();
      for (String k : new java.util.TreeSet<>(keys)) {
        known.append(known.length() == 0 ? "'" : ", '").append(k).append('\'');
      }
      for (String p : prefixes) {
        known.append(known.length() == 0 ? "'" : ", '").append(p).append("*'");
      }
      throw WeirException.user("table '" + table.name() + "': unsupported option '" + key
          + "' for the " + table.option("connector") + " connector; it knows " + known);
    }
  }

  private static boolean startsWithAny(String key, List<String> prefixes) {
    for (String p : prefixes) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
