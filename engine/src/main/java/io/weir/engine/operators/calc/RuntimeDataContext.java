package io.weir.engine.operators.calc;

import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What generated expressions may ask of their environment: the clock and the session time zone
 * (UTC, Flink's default). Shared by every generated function.
 */
public final class RuntimeDataContext implements DataContext {
  public static final RuntimeDataContext INSTANCE = new RuntimeDataContext();
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private RuntimeDataContext() {}

  @Override
  public SchemaPlus getRootSchema() {
    return null;
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return null;
  }

  @Override
  public QueryProvider getQueryProvider() {
    return null;
  }

  @Override
  public Object get(String name) {
    if (Variable.CURRENT_TIMESTAMP.camelName.equals(name)
        || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
        || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
      return System.currentTimeMillis();
    }
    if (Variable.TIME_ZONE.camelName.equals(name)) {
      return UTC;
    }
    return null;
  }
}
