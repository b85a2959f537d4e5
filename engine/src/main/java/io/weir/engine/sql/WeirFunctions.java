package io.weir.engine.sql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Flink's built-in functions that Calcite lacks, declared for validation and converted to
 * Calcite expressions (so the ordinary code generator compiles them).
 */
public final class WeirFunctions {
  private WeirFunctions() {}

  /**
   * {@code TO_TIMESTAMP_LTZ(numeric, precision)}: epoch seconds (precision 0) or milliseconds
   * (precision 3) as a TIMESTAMP_LTZ(3), as in Flink.
   */
  public static final SqlFunction TO_TIMESTAMP_LTZ = new SqlFunction("TO_TIMESTAMP_LTZ",
      SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3)
          .andThen(SqlTypeTransforms.TO_NULLABLE),
      null,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.NUMERIC),
          OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER)),
      SqlFunctionCategory.TIMEDATE);

  /** Weir's functions, to chain after Calcite's standard table. */
  public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(TO_TIMESTAMP_LTZ));

  /** Calcite's standard conversions plus those of Weir's functions. */
  public static final SqlRexConvertletTable CONVERTLETS = new SqlRexConvertletTable() {
    @Override
    public SqlRexConvertlet get(SqlCall call) {
      if (call.getOperator() == TO_TIMESTAMP_LTZ) {
        return WeirFunctions::convertToTimestampLtz;
      }
      return StandardConvertletTable.INSTANCE.get(call);
    }
  };

  private static RexNode convertToTimestampLtz(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode value = cx.convertExpression(call.operand(0));
    int precision = 3;
    if (call.operandCount() > 1) {
      RexNode p = cx.convertExpression(call.operand(1));
      if (!(p instanceof RexLiteral lit)) {
        throw io.weir.engine.errors.WeirException.user(
            "TO_TIMESTAMP_LTZ: the precision must be a literal 0 or 3");
      }
      precision = lit.getValueAs(Integer.class);
    }
    if (precision != 0 && precision != 3) {
      throw io.weir.engine.errors.WeirException.user(
          "TO_TIMESTAMP_LTZ: precision must be 0 (seconds) or 3 (milliseconds), got " + precision);
    }
    RelDataType bigint = cx.getTypeFactory().createTypeWithNullability(
        cx.getTypeFactory().createSqlType(SqlTypeName.BIGINT), value.getType().isNullable());
    RexNode millis = rex.makeCast(bigint, value);
    if (precision == 0) {
      millis = rex.makeCall(SqlStdOperatorTable.MULTIPLY, millis,
          rex.makeExactLiteral(BigDecimal.valueOf(1000)));
    }
    RelDataType ltz = cx.getTypeFactory().createTypeWithNullability(
        cx.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3),
        value.getType().isNullable());
    return rex.makeReinterpretCast(ltz, millis, rex.makeLiteral(false));
  }
}
