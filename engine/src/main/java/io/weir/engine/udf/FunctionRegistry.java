package io.weir.engine.udf;

import io.weir.engine.errors.WeirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions of one engine, by name (case-insensitive, as SQL function names are). Holds
 * only checked {@link FunctionDef}s — no classes — so planning never loads user code.
 * Thread-safe.
 */
public final class FunctionRegistry {
  private final Map<String, FunctionDef> functions = new TreeMap<>();

  /**
   * Adds a function.
   *
   * @return false when it existed and {@code ifNotExists} kept the old one
   * @throws WeirException (user) when it exists and neither flag is set
   */
  public synchronized boolean put(FunctionDef def, boolean orReplace, boolean ifNotExists) {
    String key = key(def.name());
    if (functions.containsKey(key) && !orReplace) {
      if (ifNotExists) {
        return false;
      }
      throw WeirException.user("a function named '" + def.name() + "' already exists; use CREATE "
          + "OR REPLACE FUNCTION to replace it (running queries keep the version they started with)");
    }
    functions.put(key, def);
    return true;
  }

  /** Removes a function; false when there was none. */
  public synchronized boolean drop(String name) {
    return functions.remove(key(name)) != null;
  }

  /** The function of this name, or null. */
  public synchronized FunctionDef get(String name) {
    return functions.get(key(name));
  }

  public synchronized List<FunctionDef> list() {
    return new ArrayList<>(functions.values());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
