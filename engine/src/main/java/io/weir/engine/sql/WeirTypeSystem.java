package io.weir.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flink's type rules where they differ from Calcite's defaults: decimals up to 38 digits, SUM
 * of a DECIMAL(p, s) is DECIMAL(38, s), AVG of a DECIMAL(p, s) is DECIMAL(38, max(s, 6)).
 */
public final class WeirTypeSystem extends RelDataTypeSystemImpl {
  public static final WeirTypeSystem INSTANCE = new WeirTypeSystem();

  private WeirTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case DECIMAL -> 38;
      // Flink's STRING and BYTES are VARCHAR/VARBINARY of the largest length.
      case VARCHAR, VARBINARY, CHAR, BINARY -> Integer.MAX_VALUE;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
      return f.createTypeWithNullability(
          f.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale()), argumentType.isNullable());
    }
    return super.deriveSumType(f, argumentType);
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
      return f.createTypeWithNullability(
          f.createSqlType(SqlTypeName.DECIMAL, 38, Math.max(argumentType.getScale(), 6)),
          argumentType.isNullable());
    }
    return super.deriveAvgAggType(f, argumentType);
  }
}
