package io.weir.engine.runtime;

import io.weir.engine.connectors.SideOutput;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.ScoreSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.calc.CalcOperator;
import io.weir.engine.operators.score.ScoreOperator;
import io.weir.engine.operators.window.WindowAggregateOperator;
import io.weir.engine.state.WindowStoreFactory;
import io.weir.engine.udf.FunctionDef;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.PoolOptions;
import io.weir.engine.udf.UdfSession;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a query's plan meets its user functions: which function versions a job graph uses, and
 * the operators for the steps that call them. Stateless.
 */
final class UdfStages {
  private UdfStages() {}

  /** The function versions the graph calls. */
  static Set<FunctionDef> used(JobGraph graph) {
    Set<FunctionDef> out = new LinkedHashSet<>();
    for (JobGraph.Vertex v : graph.vertices()) {
      for (OperatorSpec spec : v.chain()) {
        if (spec instanceof CalcSpec c) {
          c.functions().forEach(f -> out.add(f.function()));
        } else if (spec instanceof WindowAggSpec w) {
          for (AggCallSpec call : w.aggCalls()) {
            if (call.function() != null) {
              out.add(call.function().function());
            }
          }
        } else if (spec instanceof ScoreSpec s) {
          out.add(s.function().function());
        } else if (spec instanceof SourceSpec s) {
          for (CalcSpec c : java.util.Arrays.asList(s.computedColumns(), s.lateFilter())) {
            if (c != null) {
              c.functions().forEach(f -> out.add(f.function()));
            }
          }
        }
      }
    }
    return out;
  }

  /** Whether a step calls user functions (and so is built by {@link #operator}). */
  static boolean callsFunctions(OperatorSpec spec) {
    if (spec instanceof CalcSpec c) {
      return !c.functions().isEmpty();
    }
    if (spec instanceof WindowAggSpec w) {
      return w.aggCalls().stream().anyMatch(c -> c.kind() == AggCallSpec.Kind.UDAF);
    }
    return spec instanceof ScoreSpec;
  }

  /**
   * The operator of a step that calls user functions.
   *
   * @param stores where a window aggregation keeps its state (changelogged under exactly-once)
   */
  static Operator operator(OperatorSpec spec, UdfSession session, SideOutput deadLetters,
      WindowStoreFactory stores) {
    if (spec instanceof CalcSpec c) {
      return new CalcOperator(c, session::scalar);
    }
    if (spec instanceof WindowAggSpec w) {
      return new WindowAggregateOperator(w, stores,
          WindowAggregateOperator.DEFAULT_MAX_CACHED_ENTRIES, session::aggregate);
    }
    if (spec instanceof ScoreSpec s) {
      FunctionRef ref = s.function();
      PoolOptions options = session.options(ref);
      return new ScoreOperator(s, session.instances(ref, options.workers()), session.pool(),
          options, session.metrics(ref), deadLetters);
    }
    throw WeirException.internal("no user functions in " + spec.explain(), null);
  }
}
