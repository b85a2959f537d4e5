package io.weir.engine.plan;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.errors.WeirException;
import io.weir.engine.sql.TypeMapping;
import io.weir.engine.udf.FunctionDef;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.FunctionRegistry;
import io.weir.engine.udf.FunctionSignature;
import io.weir.engine.udf.ScalarInvoker;
import io.weir.udf.reflect.FunctionKind;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.Optionality;

/**
 * Shows the engine's {@link FunctionRegistry} to Calcite: each overload of a scalar or model
 * function is a {@link UdfFunction}, each aggregate or window function a {@link UdfAggFunction}.
 * Scalar calls compile to {@code udfs[slot].invoke(new Object[] {args})} in the generated calc
 * ({@link ScalarInvoker}); model calls are cut out of calcs into a scoring step before code is
 * generated. Lookups read the registry as it is now. Not thread-safe (one per planner).
 */
final class UdfOperatorTable implements SqlOperatorTable {
  /** The generated calc's field holding the invokers. */
  static final ParameterExpression UDFS = Expressions.parameter(ScalarInvoker[].class, "udfs");

  private final FunctionRegistry registry;
  private final JavaTypeFactory typeFactory;
  private final ScalarSlots slots;
  private final Map<FunctionDef, List<SqlOperator>> cache = new HashMap<>();

  UdfOperatorTable(FunctionRegistry registry, JavaTypeFactory typeFactory, ScalarSlots slots) {
    this.registry = registry;
    this.typeFactory = typeFactory;
    this.slots = slots;
  }

  @Override
  public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category,
      SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
    if (!opName.isSimple() || (syntax != SqlSyntax.FUNCTION && syntax != SqlSyntax.FUNCTION_STAR)) {
      return;
    }
    FunctionDef def = registry.get(opName.getSimple());
    if (def != null) {
      operatorList.addAll(operators(def));
    }
  }

  @Override
  public List<SqlOperator> getOperatorList() {
    List<SqlOperator> all = new ArrayList<>();
    for (FunctionDef def : registry.list()) {
      all.addAll(operators(def));
    }
    return all;
  }

  private List<SqlOperator> operators(FunctionDef def) {
    return cache.computeIfAbsent(def, d -> {
      List<SqlOperator> ops = new ArrayList<>();
      for (int i = 0; i < d.signatures().size(); i++) {
        FunctionRef ref = new FunctionRef(d, i);
        ops.add(d.kind() == FunctionKind.SCALAR || d.kind() == FunctionKind.MODEL
            ? new UdfFunction(ref, typeFactory, slots)
            : new UdfAggFunction(ref, typeFactory));
      }
      return ops;
    });
  }

  /** The function a Calcite operator stands for, or null. */
  static FunctionRef refOf(SqlOperator op) {
    if (op instanceof UdfFunction f) {
      return f.ref;
    }
    if (op instanceof UdfAggFunction a) {
      return a.ref;
    }
    return null;
  }

  /** Whether a Calcite operator is a model function. */
  static boolean isModel(SqlOperator op) {
    return op instanceof UdfFunction f && f.ref.function().kind() == FunctionKind.MODEL;
  }

  private static SqlOperandMetadata operands(FunctionSignature s, RelDataTypeFactory f) {
    List<SqlTypeFamily> families = new ArrayList<>();
    for (Field p : s.parameters()) {
      SqlTypeFamily fam = TypeMapping.toRelType(p.type(), f).getSqlTypeName().getFamily();
      families.add(fam == null ? SqlTypeFamily.ANY : fam);
    }
    return OperandTypes.operandMetadata(families,
        tf -> s.parameters().stream().map(p -> TypeMapping.toRelType(p.type().withNullable(true), tf)).toList(),
        i -> s.parameters().get(i).name(), i -> false);
  }

  private static List<RelDataType> paramTypes(FunctionSignature s, RelDataTypeFactory f) {
    return s.parameters().stream().map(p -> TypeMapping.toRelType(p.type().withNullable(true), f)).toList();
  }

  /**
   * Scalar results are NOT NULL when declared so and no primitive parameter receives a nullable
   * argument; model, aggregate and window results are always nullable (a failing call under the
   * {@code null} policy gives NULL).
   */
  private static SqlReturnTypeInference returnType(FunctionRef ref) {
    return (SqlOperatorBinding b) -> {
      FunctionSignature s = ref.signatureDef();
      RelDataType t = TypeMapping.toRelType(s.returnType(), b.getTypeFactory());
      boolean nullable = s.returnType().nullable() || ref.function().kind() != FunctionKind.SCALAR;
      for (int i = 0; i < b.getOperandCount() && i < s.parameters().size(); i++) {
        if (!s.parameters().get(i).type().nullable() && b.getOperandType(i).isNullable()) {
          nullable = true;
        }
      }
      return b.getTypeFactory().createTypeWithNullability(t, nullable);
    };
  }

  private static List<FunctionParameter> parameters(FunctionSignature s) {
    List<FunctionParameter> out = new ArrayList<>();
    for (int i = 0; i < s.parameters().size(); i++) {
      int ordinal = i;
      Field p = s.parameters().get(i);
      out.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return p.name();
        }

        @Override
        public RelDataType getType(RelDataTypeFactory f) {
          return TypeMapping.toRelType(p.type().withNullable(true), f);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return out;
  }

  /** The boxed Java class of a type's engine value. */
  static Class<?> boxed(DataType t) {
    return switch (t.kind()) {
      case BOOLEAN -> Boolean.class;
      case INT -> Integer.class;
      case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> Long.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case DECIMAL -> BigDecimal.class;
      case STRING -> String.class;
      case ARRAY -> List.class;
    };
  }

  /** A scalar or model function overload, as Calcite's validator and code generator see it. */
  static final class UdfFunction extends SqlUserDefinedFunction {
    final FunctionRef ref;

    UdfFunction(FunctionRef ref, JavaTypeFactory f, ScalarSlots slots) {
      super(new SqlIdentifier(ref.function().name(), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
          returnType(ref), InferTypes.explicit(paramTypes(ref.signatureDef(), f)),
          operands(ref.signatureDef(), f), new Impl(ref, slots, f));
      this.ref = ref;
    }
  }

  /** An aggregate or window function overload, as Calcite sees it. */
  static final class UdfAggFunction extends SqlUserDefinedAggFunction {
    final FunctionRef ref;

    UdfAggFunction(FunctionRef ref, RelDataTypeFactory f) {
      super(new SqlIdentifier(ref.function().name(), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
          returnType(ref), InferTypes.explicit(paramTypes(ref.signatureDef(), f)),
          operands(ref.signatureDef(), f), new AggImpl(ref), false, false, Optionality.FORBIDDEN);
      this.ref = ref;
    }
  }

  /** The schema function behind an aggregate overload (types only; the engine runs it). */
  private record AggImpl(FunctionRef ref) implements org.apache.calcite.schema.AggregateFunction {
    @Override
    public RelDataType getReturnType(RelDataTypeFactory f) {
      return f.createTypeWithNullability(TypeMapping.toRelType(ref.signatureDef().returnType(), f), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return parameters(ref.signatureDef());
    }
  }

  /** The schema function behind a scalar overload, with its code generator. */
  private record Impl(FunctionRef ref, ScalarSlots slots, JavaTypeFactory javaTypes)
      implements ScalarFunction, ImplementableFunction {
    @Override
    public RelDataType getReturnType(RelDataTypeFactory f) {
      return TypeMapping.toRelType(ref.signatureDef().returnType(), f);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return parameters(ref.signatureDef());
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, operands) -> {
        if (ref.function().kind() == FunctionKind.MODEL) {
          throw WeirException.user("model function '" + ref.function().name() + "' cannot be "
              + "used here; call it in a query's SELECT list or WHERE clause");
        }
        int slot = slots.slot(ref);
        List<Field> params = ref.signatureDef().parameters();
        List<Expression> args = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
          args.add(EnumUtils.convert(operands.get(i), boxed(params.get(i).type())));
        }
        Expression invoke = Expressions.call(
            Expressions.arrayIndex(UDFS, Expressions.constant(slot)), "invoke",
            Expressions.newArrayInit(Object.class, args));
        Expression typed = Expressions.convert_(invoke, boxed(ref.signatureDef().returnType()));
        Type target = javaTypes.getJavaClass(call.getType());
        return EnumUtils.convert(typed, target);
      }, NullPolicy.NONE, false);
    }
  }
}
