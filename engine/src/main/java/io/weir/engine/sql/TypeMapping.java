package io.weir.engine.sql;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts between Weir's {@link DataType} and Calcite's {@link RelDataType}. Flink's FLOAT is
 * four bytes, which is Calcite's REAL (Calcite's FLOAT is a double); STRING is VARCHAR of the
 * largest length; TIMESTAMP_LTZ is TIMESTAMP WITH LOCAL TIME ZONE.
 */
public final class TypeMapping {
  private TypeMapping() {}

  public static RelDataType toRelType(DataType type, RelDataTypeFactory f) {
    RelDataType t = switch (type.kind()) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case INT -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case FLOAT -> f.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
      case STRING -> f.createSqlType(SqlTypeName.VARCHAR);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, type.precision());
      case TIMESTAMP_LTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, type.precision());
      case ARRAY -> f.createArrayType(toRelType(type.elementType(), f), -1);
    };
    return f.createTypeWithNullability(t, type.nullable());
  }

  public static RelDataType toRelType(Schema schema, RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Field field : schema.fields()) {
      b.add(field.name(), toRelType(field.type(), f));
    }
    return b.build();
  }

  public static DataType toDataType(RelDataType t) {
    DataType base = switch (t.getSqlTypeName()) {
      case BOOLEAN -> DataType.of(DataType.Kind.BOOLEAN);
      case TINYINT, SMALLINT, INTEGER -> DataType.of(DataType.Kind.INT);
      case BIGINT -> DataType.of(DataType.Kind.BIGINT);
      case REAL -> DataType.of(DataType.Kind.FLOAT);
      case FLOAT, DOUBLE -> DataType.of(DataType.Kind.DOUBLE);
      case DECIMAL -> DataType.decimal(t.getPrecision(), t.getScale());
      case CHAR, VARCHAR -> DataType.of(DataType.Kind.STRING);
      case TIMESTAMP -> new DataType(DataType.Kind.TIMESTAMP, true, 3, -1, null);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new DataType(DataType.Kind.TIMESTAMP_LTZ, true, 3, -1, null);
      case ARRAY -> DataType.array(toDataType(t.getComponentType()));
      case NULL -> DataType.of(DataType.Kind.STRING);
      default -> throw WeirException.user("type " + t.getFullTypeString()
          + " is not supported; supported types are BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, "
          + "DECIMAL(p, s), STRING/VARCHAR, TIMESTAMP(3), TIMESTAMP_LTZ(3) and ARRAY");
    };
    return base.withNullable(t.isNullable());
  }

  public static Schema schemaOf(RelDataType rowType) {
    List<Field> fields = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      fields.add(new Field(f.getName(), toDataType(f.getType())));
    }
    return new Schema(fields);
  }
}
