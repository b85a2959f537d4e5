package io.weir.engine.sql;

import io.weir.engine.errors.WeirException;
import io.weir.engine.udf.FunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tables, views and functions of one engine. Names are case-sensitive, as in Flink SQL. Thread-safe:
 * statements may come from several clients at once.
 */
public final class Catalog {
  private final Map<String, TableDef> tables = new ConcurrentSkipListMap<>();
  private final Map<String, ViewDef> views = new ConcurrentSkipListMap<>();
  private final FunctionRegistry functions;

  /** A catalog with no user functions. */
  public Catalog() {
    this(new FunctionRegistry());
  }

  /** A catalog whose queries may call the functions of {@code functions}. */
  public Catalog(FunctionRegistry functions) {
    this.functions = functions;
  }

  /** The user-defined functions ({@code CREATE FUNCTION}). */
  public FunctionRegistry functions() {
    return functions;
  }

  public synchronized void createTable(TableDef table, boolean ifNotExists) {
    if (exists(table.name())) {
      if (ifNotExists) {
        return;
      }
      throw WeirException.user("a table or view named '" + table.name() + "' already exists");
    }
    tables.put(table.name(), table);
  }

  public synchronized void createView(ViewDef view, boolean orReplace, boolean ifNotExists) {
    if (tables.containsKey(view.name())) {
      throw WeirException.user("a table named '" + view.name() + "' already exists");
    }
    if (views.containsKey(view.name()) && !orReplace) {
      if (ifNotExists) {
        return;
      }
      throw WeirException.user("a view named '" + view.name() + "' already exists");
    }
    views.put(view.name(), view);
  }

  /** Drops a table; returns false when it did not exist. */
  public synchronized boolean dropTable(String name) {
    if (views.containsKey(name)) {
      throw WeirException.user("'" + name + "' is a view: use DROP VIEW");
    }
    return tables.remove(name) != null;
  }

  public synchronized boolean dropView(String name) {
    if (tables.containsKey(name)) {
      throw WeirException.user("'" + name + "' is a table: use DROP TABLE");
    }
    return views.remove(name) != null;
  }

  public boolean exists(String name) {
    return tables.containsKey(name) || views.containsKey(name);
  }

  public TableDef table(String name) {
    return tables.get(name);
  }

  public ViewDef view(String name) {
    return views.get(name);
  }

  public List<TableDef> tables() {
    return new ArrayList<>(tables.values());
  }

  public List<ViewDef> views() {
    return new ArrayList<>(views.values());
  }
}
