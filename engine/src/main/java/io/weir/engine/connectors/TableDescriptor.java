package io.weir.engine.connectors;

import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a connector knows of a table: its name, its physical columns (computed columns are the
 * planner's business and never reach a connector) and its {@code WITH} options.
 */
public record TableDescriptor(String name, Schema physicalSchema, Map<String, String> options) {
  public TableDescriptor {
    options = Map.copyOf(options);
  }

  public String option(String key) {
    return options.get(key);
  }

  public String option(String key, String defaultValue) {
    return options.getOrDefault(key, defaultValue);
  }

  /** An option that must be present; its absence is a user error naming the table and key. */
  public String required(String key) {
    String v = options.get(key);
    if (v == null || v.isBlank()) {
      throw WeirException.user("table '" + name + "' needs the option '" + key + "'");
    }
    return v;
  }

  public long longOption(String key, long defaultValue) {
    String v = options.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw WeirException.user("table '" + name + "': option '" + key + "' must be a whole number, got '" + v + "'");
    }
  }

  public boolean booleanOption(String key, boolean defaultValue) {
    String v = options.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw WeirException.user("table '" + name + "': option '" + key + "' must be true or false, got '" + v + "'");
  }

  /** Every option whose key starts with {@code prefix}, with the prefix removed. */
  public Map<String, String> optionsWithPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
