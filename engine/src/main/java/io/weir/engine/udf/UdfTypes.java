package io.weir.engine.udf;

import io.weir.engine.data.DataType;
import io.weir.udf.SqlType;

/** Converts the UDF API's {@link SqlType} to the engine's {@link DataType}. Stateless. */
public final class UdfTypes {
  private UdfTypes() {}

  public static DataType toDataType(SqlType t) {
    DataType base = switch (t.kind()) {
      case BOOLEAN -> DataType.of(DataType.Kind.BOOLEAN);
      case INT -> DataType.of(DataType.Kind.INT);
      case BIGINT -> DataType.of(DataType.Kind.BIGINT);
      case FLOAT -> DataType.of(DataType.Kind.FLOAT);
      case DOUBLE -> DataType.of(DataType.Kind.DOUBLE);
      case DECIMAL -> DataType.decimal(t.precision(), t.scale());
      case STRING -> DataType.of(DataType.Kind.STRING);
      case TIMESTAMP -> DataType.of(DataType.Kind.TIMESTAMP);
      case TIMESTAMP_LTZ -> DataType.of(DataType.Kind.TIMESTAMP_LTZ);
      case ARRAY -> DataType.array(toDataType(t.element()));
    };
    return base.withNullable(t.nullable());
  }
}
