package io.weir.engine.plan;

import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.WindowSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Planner rule that turns an {@link Aggregate} grouped by a window into a {@link
 * StreamWindowAggregate}: either {@code GROUP BY window_start, window_end, …} over a TUMBLE or
 * HOP window table function, or a legacy {@code GROUP BY TUMBLE(ts, size)} / {@code HOP(ts,
 * slide, size)}. The expressions between the window and the aggregate are moved below the new
 * node; a calc above it restores the aggregate's column order.
 */
final class WindowAggregateRule extends RelOptRule {
  static final WindowAggregateRule INSTANCE = new WindowAggregateRule();

  private WindowAggregateRule() {
    super(operand(Aggregate.class, any()), "WindowAggregateRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    RelNode input = strip(agg.getInput());
    Calc calc = input instanceof Calc c ? c : null;
    RelNode below = calc == null ? input : strip(calc.getInput());
    RexBuilder rex = agg.getCluster().getRexBuilder();
    RexProgram program = calc != null
        ? calc.getProgram()
        : RexProgram.createIdentity(input.getRowType());

    if (below instanceof TableFunctionScan tfs
        && tfs.getCall() instanceof RexCall windowCall
        && windowCall.getOperator() instanceof SqlWindowTableFunction) {
      onWindowTableFunction(call, agg, program, tfs, windowCall, rex);
      return;
    }
    for (int g : agg.getGroupSet()) {
      RexNode key = program.expandLocalRef(program.getProjectList().get(g));
      if (key instanceof RexCall kc && kc.getOperator() instanceof SqlGroupedWindowFunction) {
        onGroupWindow(call, agg, program, below, g, kc, rex);
        return;
      }
    }
  }

  /** {@code GROUP BY window_start, window_end, k…} over {@code TABLE(TUMBLE|HOP(...))}. */
  private void onWindowTableFunction(RelOptRuleCall call, Aggregate agg, RexProgram program,
      TableFunctionScan tfs, RexCall windowCall, RexBuilder rex) {
    RelNode source = strip(tfs.getInputs().get(0));
    int n = source.getRowType().getFieldCount();
    int windowStart = n;
    int windowEnd = n + 1;
    WindowSpec window = windowOf(windowCall);
    int timeIndex = descriptorColumn(windowCall);

    List<RexNode> keyExprs = new ArrayList<>();
    List<Integer> groupLayout = new ArrayList<>(); // per group key: -1 start, -2 end, else key idx
    for (int g : agg.getGroupSet()) {
      RexNode e = program.expandLocalRef(program.getProjectList().get(g));
      if (e instanceof RexInputRef ref && ref.getIndex() == windowStart) {
        groupLayout.add(-1);
      } else if (e instanceof RexInputRef ref && ref.getIndex() == windowEnd) {
        groupLayout.add(-2);
      } else {
        refuseWindowColumns(e, n, "a GROUP BY key");
        groupLayout.add(keyExprs.size());
        keyExprs.add(e);
      }
    }
    if (!groupLayout.contains(-1) && !groupLayout.contains(-2)) {
      throw WeirException.user("an aggregation over a window table function must GROUP BY "
          + "window_start and window_end (and any keys)");
    }
    RexNode condition = program.getCondition() == null
        ? null : program.expandLocalRef(program.getCondition());
    if (condition != null) {
      refuseWindowColumns(condition, n, "a WHERE condition below the aggregation");
    }
    replace(call, agg, program, source, window, rex.makeInputRef(source, timeIndex), keyExprs,
        groupLayout, condition, n);
  }

  /** Legacy {@code GROUP BY TUMBLE(ts, size), k…} or {@code HOP(ts, slide, size)}. */
  private void onGroupWindow(RelOptRuleCall call, Aggregate agg, RexProgram program,
      RelNode source, int windowKey, RexCall windowCall, RexBuilder rex) {
    WindowSpec window;
    List<RexNode> ops = windowCall.getOperands();
    if (windowCall.getKind() == SqlKind.TUMBLE) {
      window = WindowSpec.tumble(millis(ops.get(1), "TUMBLE size"));
    } else if (windowCall.getKind() == SqlKind.HOP) {
      window = WindowSpec.hop(millis(ops.get(1), "HOP slide"), millis(ops.get(2), "HOP size"));
    } else {
      throw WeirException.user(windowCall.getOperator().getName()
          + " windows are not supported yet; Weir supports TUMBLE and HOP");
    }
    List<RexNode> keyExprs = new ArrayList<>();
    List<Integer> groupLayout = new ArrayList<>();
    for (int g : agg.getGroupSet()) {
      if (g == windowKey) {
        groupLayout.add(-1);
      } else {
        groupLayout.add(keyExprs.size());
        keyExprs.add(program.expandLocalRef(program.getProjectList().get(g)));
      }
    }
    RexNode condition = program.getCondition() == null
        ? null : program.expandLocalRef(program.getCondition());
    replace(call, agg, program, source, window, ops.get(0), keyExprs, groupLayout, condition, -1);
  }

  private void replace(RelOptRuleCall call, Aggregate agg, RexProgram program, RelNode source,
      WindowSpec window, RexNode time, List<RexNode> keyExprs, List<Integer> groupLayout,
      RexNode condition, int windowColumnsFrom) {
    RexBuilder rex = agg.getCluster().getRexBuilder();
    RexProgramBuilder pb = new RexProgramBuilder(source.getRowType(), rex);
    for (int i = 0; i < keyExprs.size(); i++) {
      pb.addProject(keyExprs.get(i), program.getOutputRowType().getFieldNames().get(
          agg.getGroupSet().nth(groupLayout.indexOf(i))));
    }
    List<AggregateCall> calls = new ArrayList<>();
    int next = keyExprs.size();
    for (AggregateCall ac : agg.getAggCallList()) {
      if (ac.filterArg >= 0) {
        throw WeirException.user("aggregate FILTER clauses are not supported yet");
      }
      List<Integer> args = new ArrayList<>();
      for (int a : ac.getArgList()) {
        RexNode e = program.expandLocalRef(program.getProjectList().get(a));
        if (windowColumnsFrom >= 0) {
          refuseWindowColumns(e, windowColumnsFrom, "an aggregate argument");
        }
        pb.addProject(e, "arg" + next);
        args.add(next++);
      }
      calls.add(ac.copy(args, -1, ac.collation));
    }
    int timeIndex = next;
    pb.addProject(time, "rowtime");
    if (condition != null) {
      pb.addCondition(condition);
    }
    RelNode below = LogicalCalc.create(source, pb.getProgram());
    StreamWindowAggregate wagg = new StreamWindowAggregate(agg.getCluster(), agg.getTraitSet(),
        below, window, timeIndex, ImmutableIntList.copyOf(ImmutableIntList.range(0, keyExprs.size())), calls);

    // Restore the aggregate's column order: group keys in group-set order, then the aggregates.
    int k = keyExprs.size();
    List<RexNode> top = new ArrayList<>();
    for (int layout : groupLayout) {
      top.add(rex.makeInputRef(wagg, layout == -1 ? k : layout == -2 ? k + 1 : layout));
    }
    for (int i = 0; i < calls.size(); i++) {
      top.add(rex.makeInputRef(wagg, k + 2 + i));
    }
    RelNode projected = RelOptUtil.createProject(wagg, top, agg.getRowType().getFieldNames());
    call.transformTo(RelOptUtil.createCastRel(projected, agg.getRowType(), true));
  }

  private static void refuseWindowColumns(RexNode e, int windowStart, String where) {
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(e);
    if (used.get(windowStart) || used.get(windowStart + 1)) {
      throw WeirException.user("window_start and window_end can only be used as plain GROUP BY "
          + "columns before the aggregation, not in " + where + ": " + e);
    }
  }

  private static WindowSpec windowOf(RexCall call) {
    String name = call.getOperator().getName();
    List<RexNode> ops = call.getOperands();
    // Operands: [DESCRIPTOR(col), interval…] — the TABLE operand is the scan's input.
    int first = ops.get(0).getKind() == SqlKind.DESCRIPTOR ? 1 : 2;
    return switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "TUMBLE" -> {
        long size = millis(ops.get(first), "TUMBLE size");
        long offset = ops.size() > first + 1 ? millis(ops.get(first + 1), "TUMBLE offset") : 0;
        yield new WindowSpec(WindowSpec.Type.TUMBLE, size, size, offset);
      }
      case "HOP" -> {
        long slide = millis(ops.get(first), "HOP slide");
        long size = millis(ops.get(first + 1), "HOP size");
        long offset = ops.size() > first + 2 ? millis(ops.get(first + 2), "HOP offset") : 0;
        yield new WindowSpec(WindowSpec.Type.HOP, size, slide, offset);
      }
      default -> throw WeirException.user(name
          + " windows are not supported yet; Weir supports TUMBLE and HOP");
    };
  }

  private static int descriptorColumn(RexCall call) {
    for (RexNode op : call.getOperands()) {
      if (op.getKind() == SqlKind.DESCRIPTOR) {
        RexNode col = ((RexCall) op).getOperands().get(0);
        if (col instanceof RexInputRef ref) {
          return ref.getIndex();
        }
      }
    }
    throw WeirException.internal("window table function without a DESCRIPTOR column: " + call, null);
  }

  private static long millis(RexNode node, String what) {
    if (node instanceof RexLiteral lit && lit.getValue() instanceof BigDecimal millis) {
      return millis.longValueExact();
    }
    throw WeirException.user(what + " must be a constant INTERVAL, got " + node);
  }

  static RelNode strip(RelNode node) {
    return node instanceof HepRelVertex v ? v.getCurrentRel() : node;
  }
}
