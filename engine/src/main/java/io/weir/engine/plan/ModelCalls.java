package io.weir.engine.plan;

import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.ScoreSpec;
import io.weir.engine.sql.TypeMapping;
import io.weir.engine.udf.FunctionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * Cuts model-function calls out of a calc: a lower calc passes the input through and computes
 * the calls' arguments that are not plain columns (and the conditions that need no model) — left
 * out when there is nothing to compute — one {@link ScoreSpec} per
 * distinct call appends its result, and an upper calc computes the original projections and
 * the remaining conditions, reading the results where the calls were. Stateless.
 */
final class ModelCalls {
  private ModelCalls() {}

  /** The steps of {@code program}: one calc when it calls no model, else lower, scores, upper. */
  static List<OperatorSpec> plan(RexProgram program, RexBuilder rex, JavaTypeFactory types,
      ScalarSlots slots) {
    List<RexNode> projects = new ArrayList<>();
    for (var ref : program.getProjectList()) {
      projects.add(program.expandLocalRef(ref));
    }
    RexNode condition = program.getCondition() == null ? null
        : program.expandLocalRef(program.getCondition());
    Map<String, RexCall> calls = new LinkedHashMap<>();
    for (RexNode e : projects) {
      collect(e, calls, false);
    }
    if (condition != null) {
      collect(condition, calls, false);
    }
    if (calls.isEmpty()) {
      return List.of(CodeGenerator.calc(program, types, slots));
    }
    RelDataType input = program.getInputRowType();
    int n = input.getFieldCount();

    // Lower: every input column, then every call's arguments, then the model-free conditions.
    List<RexNode> lower = new ArrayList<>();
    List<String> lowerNames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lower.add(rex.makeInputRef(input.getFieldList().get(i).getType(), i));
      lowerNames.add(input.getFieldNames().get(i));
    }
    List<List<Integer>> argIndexes = new ArrayList<>();
    for (RexCall call : calls.values()) {
      List<Integer> idx = new ArrayList<>();
      for (RexNode operand : call.getOperands()) {
        if (operand instanceof RexInputRef ref) {
          idx.add(ref.getIndex()); // a column passes through: no copy
          continue;
        }
        idx.add(lower.size());
        lower.add(operand);
        lowerNames.add("arg" + lower.size());
      }
      argIndexes.add(idx);
    }
    List<RexNode> lowerConditions = new ArrayList<>();
    List<RexNode> upperConditions = new ArrayList<>();
    if (condition != null) {
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        (containsModel(c) ? upperConditions : lowerConditions).add(c);
      }
    }
    RelDataType lowerType = RexUtil.createStructType(types, lower, lowerNames, null);
    RexProgram lowerProgram = RexProgram.create(input, lower,
        lowerConditions.isEmpty() ? null : RexUtil.composeConjunction(rex, lowerConditions),
        lowerType, rex);
    List<OperatorSpec> steps = new ArrayList<>();
    if (lower.size() > n || !lowerConditions.isEmpty()) {
      steps.add(CodeGenerator.calc(lowerProgram, types, slots)); // else the input goes straight on
    }

    // Scores: each appends its result.
    Schema schema = TypeMapping.schemaOf(lowerType);
    Map<String, Integer> resultColumn = new LinkedHashMap<>();
    List<RelDataType> upperFields = new ArrayList<>(lowerType.getFieldList().stream()
        .map(f -> f.getType()).toList());
    List<String> upperNames = new ArrayList<>(lowerNames);
    int k = 0;
    for (Map.Entry<String, RexCall> e : calls.entrySet()) {
      RexCall call = e.getValue();
      FunctionRef ref = UdfOperatorTable.refOf(call.getOperator());
      List<Field> fields = new ArrayList<>(schema.fields());
      String name = ref.function().name() + "$" + k;
      fields.add(new Field(name, TypeMapping.toDataType(call.getType())));
      Schema out = new Schema(fields);
      steps.add(new ScoreSpec(ref, ScoreSpec.Mode.MODEL, argIndexes.get(k), -1, schema, out));
      resultColumn.put(e.getKey(), schema.size());
      upperFields.add(call.getType());
      upperNames.add(name);
      schema = out;
      k++;
    }

    // Upper: the original projections and conditions over input + arguments + results.
    RelDataType upperInput = types.createStructType(upperFields, upperNames);
    RexShuttle replace = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        Integer col = resultColumn.get(call.toString());
        if (col != null && UdfOperatorTable.isModel(call.getOperator())) {
          return new RexInputRef(col, call.getType());
        }
        return super.visitCall(call);
      }
    };
    List<RexNode> upper = new ArrayList<>();
    for (RexNode e : projects) {
      upper.add(e.accept(replace));
    }
    List<RexNode> upperConds = new ArrayList<>();
    for (RexNode c : upperConditions) {
      upperConds.add(c.accept(replace));
    }
    RexProgram upperProgram = RexProgram.create(upperInput, upper,
        upperConds.isEmpty() ? null : RexUtil.composeConjunction(rex, upperConds),
        program.getOutputRowType(), rex);
    steps.add(CodeGenerator.calc(upperProgram, types, slots));
    return steps;
  }

  /** Adds the model calls in {@code e}; a model call inside another one's arguments is refused. */
  private static void collect(RexNode e, Map<String, RexCall> calls, boolean insideModel) {
    e.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (UdfOperatorTable.isModel(call.getOperator())) {
          for (RexNode op : call.getOperands()) {
            if (containsModel(op)) {
              throw WeirException.user("model function '" + call.getOperator().getName()
                  + "' takes another model function's result as an argument; compute the inner "
                  + "one in a sub-query or view first");
            }
          }
          calls.putIfAbsent(call.toString(), call);
          return null;
        }
        return super.visitCall(call);
      }
    });
  }

  /** Whether {@code e} calls a model function anywhere. */
  static boolean containsModel(RexNode e) {
    boolean[] found = {false};
    e.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (UdfOperatorTable.isModel(call.getOperator())) {
          found[0] = true;
        }
        return super.visitCall(call);
      }
    });
    return found[0];
  }
}
