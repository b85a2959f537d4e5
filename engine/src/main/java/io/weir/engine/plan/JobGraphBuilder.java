package io.weir.engine.plan;

import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.ScoreSpec;
import io.weir.engine.udf.FunctionRef;
import io.weir.udf.reflect.FunctionKind;
import io.weir.engine.graph.SinkSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.sql.CatalogSchema;
import io.weir.engine.sql.TableDef;
import io.weir.engine.sql.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Translates optimized relational expressions into a {@link JobGraph}: a chain of specs from
 * the source to the sink, split into vertices where rows must be regrouped by key.
 */
final class JobGraphBuilder {
  static final String SUPPORTED = "Weir supports SELECT … FROM a table, view or sub-query with "
      + "WHERE, projections, and GROUP BY over TUMBLE or HOP windows (window table functions or "
      + "GROUP BY TUMBLE/HOP) with COUNT, SUM, AVG, MIN, MAX and HAVING";

  private final JavaTypeFactory typeFactory;
  private final SourceSpecs sources;
  private final ScalarSlots slots;

  JobGraphBuilder(JavaTypeFactory typeFactory, SourceSpecs sources, ScalarSlots slots) {
    this.typeFactory = typeFactory;
    this.sources = sources;
    this.slots = slots;
  }

  /** Builds the job for a query's optimized plan, ending in a sink table or a result stream. */
  JobGraph build(RelNode root) {
    List<OperatorSpec> chain = new ArrayList<>();
    SinkSpec sink;
    RelNode body = root;
    if (root instanceof TableModify modify) {
      TableDef table = tableOf(modify.getTable().unwrap(CatalogSchema.SourceTable.class), modify);
      sink = new SinkSpec(table.name(), table.options(), table.physicalSchema());
      body = WindowAggregateRule.strip(modify.getInput());
    } else {
      sink = new SinkSpec(null, Map.of(), TypeMapping.schemaOf(root.getRowType()));
    }
    translate(body, chain);
    chain.add(sink);
    return split(chain);
  }

  private void translate(RelNode rel, List<OperatorSpec> chain) {
    rel = WindowAggregateRule.strip(rel);
    if (rel instanceof TableScan scan) {
      chain.add(sources.sourceSpec(tableOf(scan.getTable().unwrap(CatalogSchema.SourceTable.class), scan)));
    } else if (rel instanceof Calc calc) {
      translate(calc.getInput(), chain);
      chain.addAll(ModelCalls.plan(calc.getProgram(), calc.getCluster().getRexBuilder(),
          typeFactory, slots));
    } else if (rel instanceof StreamWindowAggregate wagg) {
      translate(wagg.getInput(), chain);
      WindowAggSpec spec = windowAgg(wagg);
      chain.add(spec);
      addWindowFunctionScores(spec, chain);
      routeLateRowsAtSource(wagg, chain);
    } else if (rel instanceof Aggregate) {
      throw WeirException.user("an aggregation over a stream needs a window: GROUP BY "
          + "window_start, window_end of TABLE(TUMBLE(…)) or TABLE(HOP(…)), or GROUP BY "
          + "TUMBLE(ts, size) / HOP(ts, slide, size). " + SUPPORTED);
    } else if (rel instanceof Join) {
      throw WeirException.user("joins are not supported yet. " + SUPPORTED);
    } else if (rel instanceof SetOp) {
      throw WeirException.user("UNION, INTERSECT and EXCEPT are not supported yet. " + SUPPORTED);
    } else if (rel instanceof Sort) {
      throw WeirException.user("ORDER BY, LIMIT and OFFSET are not supported on streams yet. "
          + SUPPORTED);
    } else if (rel instanceof Values) {
      throw WeirException.user("queries without a FROM table (VALUES, SELECT of constants) are "
          + "not supported yet. " + SUPPORTED);
    } else if (rel instanceof TableFunctionScan) {
      throw WeirException.user("a window table function must be followed by GROUP BY "
          + "window_start, window_end; rows of a window without aggregation are not supported yet. "
          + SUPPORTED);
    } else {
      throw WeirException.user("this query shape (" + rel.getRelTypeName()
          + ") is not supported yet. " + SUPPORTED);
    }
  }

  private WindowAggSpec windowAgg(StreamWindowAggregate wagg) {
    List<AggCallSpec> calls = new ArrayList<>();
    for (AggregateCall call : wagg.aggCalls()) {
      FunctionRef udf = UdfOperatorTable.refOf(call.getAggregation());
      if (udf != null) {
        if (call.isDistinct()) {
          throw WeirException.user("DISTINCT is not supported with user function '"
              + udf.function().name() + "'");
        }
        boolean window = udf.function().kind() == FunctionKind.WINDOW;
        List<Integer> args = new ArrayList<>();
        if (window) {
          args.add(wagg.timeIndex());
        }
        args.addAll(call.getArgList());
        calls.add(new AggCallSpec(window ? AggCallSpec.Kind.COLLECT : AggCallSpec.Kind.UDAF, -1,
            false, TypeMapping.toDataType(call.getType()), call.getName(), args, udf));
        continue;
      }
      AggCallSpec.Kind kind = switch (call.getAggregation().getKind()) {
        case COUNT -> AggCallSpec.Kind.COUNT;
        case SUM, SUM0 -> AggCallSpec.Kind.SUM;
        case AVG -> AggCallSpec.Kind.AVG;
        case MIN -> AggCallSpec.Kind.MIN;
        case MAX -> AggCallSpec.Kind.MAX;
        default -> throw WeirException.user("aggregate function " + call.getAggregation().getName()
            + " is not supported yet; Weir supports COUNT, COUNT(DISTINCT), SUM, AVG, MIN, MAX");
      };
      if (call.getArgList().size() > 1) {
        throw WeirException.user(call.getAggregation().getName()
            + " with several arguments is not supported");
      }
      if (call.isDistinct() && kind != AggCallSpec.Kind.COUNT) {
        throw WeirException.user("DISTINCT is supported with COUNT only, not with "
            + call.getAggregation().getName());
      }
      int arg = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
      calls.add(new AggCallSpec(kind, arg, call.isDistinct(), TypeMapping.toDataType(call.getType()),
          call.getName()));
    }
    Schema input = TypeMapping.schemaOf(wagg.getInput().getRowType());
    Schema output = TypeMapping.schemaOf(wagg.getRowType());
    return new WindowAggSpec(wagg.window(), wagg.timeIndex(), wagg.keys().toIntArray(), calls,
        input, output);
  }

  /** A window function's rows, collected by the window aggregation, are scored right after it. */
  private static void addWindowFunctionScores(WindowAggSpec spec, List<OperatorSpec> chain) {
    int offset = spec.keyIndexes().length + 2;
    for (int i = 0; i < spec.aggCalls().size(); i++) {
      AggCallSpec call = spec.aggCalls().get(i);
      if (call.kind() == AggCallSpec.Kind.COLLECT) {
        chain.add(new ScoreSpec(call.function(), ScoreSpec.Mode.WINDOW, List.of(), offset + i,
            spec.outputSchema(), spec.outputSchema()));
      }
    }
  }

  /**
   * When the window's time column is the source's rowtime, passed through unchanged, lateness
   * is decided at the source, which still holds the record's original bytes for the late-data
   * destination.
   */
  private void routeLateRowsAtSource(StreamWindowAggregate wagg, List<OperatorSpec> chain) {
    int origin = traceToScan(wagg.getInput(), wagg.timeIndex());
    if (origin < 0) {
      return;
    }
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i) instanceof SourceSpec s) {
        if (s.watermark() != null && s.watermark().rowtimeIndex() == origin
            && s.lateWindow() == null) {
          chain.set(i, new SourceSpec(s.table(), s.options(), s.physicalSchema(), s.schema(),
              s.computedColumns(), s.watermark(), wagg.window(), lateFilter(wagg)));
        }
        return;
      }
    }
  }

  /**
   * The condition between the scan and the window aggregation as a calc over the scan's row
   * that keeps (returns a row for) exactly the rows the condition keeps, or null when there is
   * none or it calls a model function (then every late row counts as late).
   */
  private CalcSpec lateFilter(StreamWindowAggregate wagg) {
    RelNode in = WindowAggregateRule.strip(wagg.getInput());
    if (!(in instanceof Calc calc) || calc.getProgram().getCondition() == null
        || !(WindowAggregateRule.strip(calc.getInput()) instanceof TableScan)) {
      return null;
    }
    RexProgram p = calc.getProgram();
    RexNode condition = p.expandLocalRef(p.getCondition());
    if (ModelCalls.containsModel(condition)) {
      return null; // a model runs batched on the pool, after the source
    }
    RexBuilder rex = calc.getCluster().getRexBuilder();
    RexNode kept = rex.makeLiteral(true);
    RelDataType out = typeFactory.builder().add("kept", kept.getType()).build();
    CalcSpec filter = CodeGenerator.calc(RexProgram.create(p.getInputRowType(), List.of(kept),
        condition, out, rex), typeFactory, slots);
    return new CalcSpec(filter.inputSchema(), filter.outputSchema(), filter.code(),
        "rows where " + condition, filter.functions());
  }

  /** The source column a column of {@code rel} copies unchanged, or -1. */
  private static int traceToScan(RelNode rel, int index) {
    rel = WindowAggregateRule.strip(rel);
    if (rel instanceof TableScan) {
      return index;
    }
    if (rel instanceof Calc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(index));
      return e instanceof RexInputRef ref ? traceToScan(calc.getInput(), ref.getIndex()) : -1;
    }
    return -1;
  }

  /** Cuts the chain before each window aggregation, joining the parts with a HASH edge. */
  private static JobGraph split(List<OperatorSpec> chain) {
    List<JobGraph.Vertex> vertices = new ArrayList<>();
    List<JobGraph.Edge> edges = new ArrayList<>();
    List<OperatorSpec> current = new ArrayList<>();
    for (OperatorSpec spec : chain) {
      if (spec instanceof WindowAggSpec w && !current.isEmpty()) {
        int id = vertices.size();
        vertices.add(new JobGraph.Vertex(id, current));
        List<Integer> keys = new ArrayList<>();
        for (int k : w.keyIndexes()) {
          keys.add(k);
        }
        edges.add(new JobGraph.Edge(id, id + 1,
            keys.isEmpty() ? JobGraph.Partitioning.FORWARD : JobGraph.Partitioning.HASH, keys));
        current = new ArrayList<>();
      }
      current.add(spec);
    }
    vertices.add(new JobGraph.Vertex(vertices.size(), current));
    return new JobGraph(vertices, edges);
  }

  private static TableDef tableOf(CatalogSchema.SourceTable table, RelNode rel) {
    if (table == null) {
      throw WeirException.internal("not a Weir table: " + rel, null);
    }
    return table.def();
  }
}
