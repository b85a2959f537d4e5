package io.weir.engine.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

/** Every planner rule Weir uses, in one place (as Calcite's {@code CoreRules}). */
final class StreamRules {
  private StreamRules() {}

  /** Simplifications before physical planning. */
  static final List<RelOptRule> NORMALIZE = List.of(
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE);

  /** Projections and filters become calcs, merged where adjacent. */
  static final List<RelOptRule> TO_CALC = List.of(
      CoreRules.PROJECT_TO_CALC,
      CoreRules.FILTER_TO_CALC,
      CoreRules.CALC_MERGE,
      CoreRules.CALC_REMOVE);

  /** Window table function or group window + aggregate → {@link StreamWindowAggregate}. */
  static final RelOptRule WINDOW_AGGREGATE = WindowAggregateRule.INSTANCE;
}
