package io.weir.engine.plan;

import com.google.common.collect.ImmutableList;
import io.weir.engine.data.Schema;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.operators.calc.RowFunction;
import io.weir.engine.operators.calc.RuntimeDataContext;
import io.weir.engine.sql.TypeMapping;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.ScalarInvoker;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodDeclaration;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Turns a {@link RexProgram} (a filter and projections) into the Java class body of a {@link
 * RowFunction}, using Calcite's own expression translator — the code Calcite's Enumerable
 * convention would run, reading fields straight from the {@code Object[]} row.
 */
final class CodeGenerator {
  private CodeGenerator() {}

  static CalcSpec calc(RexProgram program, JavaTypeFactory typeFactory) {
    return calc(program, typeFactory, new ScalarSlots());
  }

  /**
   * The calc of a program whose scalar user-function calls take slots from {@code slots}: the
   * generated class then declares {@code public ScalarInvoker[] udfs}, which the operator fills.
   */
  static CalcSpec calc(RexProgram program, JavaTypeFactory typeFactory, ScalarSlots slots) {
    slots.begin();
    String code;
    List<FunctionRef> functions;
    try {
      code = generate(program, typeFactory);
    } finally {
      functions = slots.end();
    }
    if (!functions.isEmpty()) {
      code = "public " + ScalarInvoker.class.getName() + "[] " + UdfOperatorTable.UDFS.name + ";\n"
          + code;
    }
    Schema input = TypeMapping.schemaOf(program.getInputRowType());
    Schema output = TypeMapping.schemaOf(program.getOutputRowType());
    return new CalcSpec(input, output, code, explain(program), functions);
  }

  static String generate(RexProgram original, JavaTypeFactory typeFactory) {
    RexProgram program = exactIntegerMod(original, typeFactory);
    ParameterExpression row = Expressions.parameter(Object[].class, "row");
    RelDataType inputType = program.getInputRowType();
    RexToLixTranslator.InputGetter getter = (list, index, storageType) -> {
      Type type = storageType != null
          ? storageType
          : typeFactory.getJavaClass(inputType.getFieldList().get(index).getType());
      return EnumUtils.convert(Expressions.arrayIndex(row, Expressions.constant(index)), type);
    };
    BlockBuilder body = new BlockBuilder();
    ParameterExpression root = DataContext.ROOT;
    body.add(Expressions.declare(Modifier.FINAL, root,
        Expressions.field(null, RuntimeDataContext.class, "INSTANCE")));
    if (program.getCondition() != null) {
      Expression condition = RexToLixTranslator.translateCondition(program, typeFactory,
          body, getter, null, SqlConformanceEnum.DEFAULT);
      body.add(Expressions.ifThen(
          Expressions.not(condition),
          Expressions.return_(null, Expressions.constant(null, Object[].class))));
    }
    List<Expression> projections = RexToLixTranslator.translateProjects(program, typeFactory,
        SqlConformanceEnum.DEFAULT, body, null, root, getter, null);
    List<Expression> boxed = projections.stream().map(e -> EnumUtils.convert(e, Object.class)).toList();
    body.add(Expressions.return_(null, Expressions.newArrayInit(Object.class, boxed)));
    MethodDeclaration apply = Expressions.methodDecl(Modifier.PUBLIC, Object[].class, "apply",
        ImmutableList.of(row), body.toBlock());
    return Expressions.toString(apply);
  }

  /**
   * Gives MOD of two whole numbers of different types (BIGINT and an INT literal, say) operands of
   * one type, keeping its result type. Calcite implements MOD by looking up {@code
   * SqlFunctions.mod} for the operands' Java types; without an exact match it takes the first
   * overload that accepts them in whatever order reflection lists methods, which on some runs is
   * {@code mod(BigDecimal, int)}: a BigDecimal division per row, and a run-to-run difference.
   */
  static RexProgram exactIntegerMod(RexProgram program, JavaTypeFactory typeFactory) {
    RexBuilder rex = new RexBuilder(typeFactory);
    boolean[] changed = {false};
    RexShuttle shuttle = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        RexCall c = (RexCall) super.visitCall(call);
        if (c.getKind() != SqlKind.MOD || c.getOperands().size() != 2) {
          return c;
        }
        RelDataType a = c.getOperands().get(0).getType();
        RelDataType b = c.getOperands().get(1).getType();
        if (!SqlTypeName.INT_TYPES.contains(a.getSqlTypeName())
            || !SqlTypeName.INT_TYPES.contains(b.getSqlTypeName())
            || a.getSqlTypeName() == b.getSqlTypeName()) {
          return c;
        }
        SqlTypeName wide = SqlTypeName.INT_TYPES.indexOf(a.getSqlTypeName())
            > SqlTypeName.INT_TYPES.indexOf(b.getSqlTypeName()) ? a.getSqlTypeName() : b.getSqlTypeName();
        List<RexNode> operands = new ArrayList<>();
        for (RexNode op : c.getOperands()) {
          RelDataType t = typeFactory.createTypeWithNullability(typeFactory.createSqlType(wide),
              op.getType().isNullable());
          operands.add(op.getType().getSqlTypeName() == wide ? op : rex.makeCast(t, op));
        }
        changed[0] = true;
        return rex.makeCall(c.getType(), c.getOperator(), operands);
      }
    };
    RexProgramBuilder builder = new RexProgramBuilder(program.getInputRowType(), rex);
    List<String> names = program.getOutputRowType().getFieldNames();
    for (int i = 0; i < program.getProjectList().size(); i++) {
      builder.addProject(program.expandLocalRef(program.getProjectList().get(i)).accept(shuttle),
          names.get(i));
    }
    if (program.getCondition() != null) {
      builder.addCondition(program.expandLocalRef(program.getCondition()).accept(shuttle));
    }
    return changed[0] ? builder.getProgram(false) : program;
  }

  private static String explain(RexProgram program) {
    StringBuilder sb = new StringBuilder();
    if (program.getCondition() != null) {
      sb.append("where=").append(program.expandLocalRef(program.getCondition())).append(", ");
    }
    sb.append("select=[");
    var names = program.getOutputRowType().getFieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String expr = program.expandLocalRef(program.getProjectList().get(i)).toString();
      sb.append(expr);
      if (!expr.equals(names.get(i))) {
        sb.append(" AS ").append(names.get(i));
      }
    }
    return sb.append(']').toString();
  }
}
