package io.weir.engine.plan;

import io.weir.engine.graph.WindowSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Relational expression that aggregates rows per key and per TUMBLE or HOP window of a rowtime
 * column, emitting one final row per (key, window) when the watermark passes the window's end.
 * Both window syntaxes (window table functions and legacy {@code GROUP BY TUMBLE(...)}) become
 * this node.
 *
 * <p>Output: the key columns, {@code window_start}, {@code window_end} (TIMESTAMP(3) NOT NULL),
 * then one column per aggregate call — the layout of {@code graph.WindowAggSpec}.
 */
public final class StreamWindowAggregate extends SingleRel {
  private final WindowSpec window;
  private final int timeIndex;
  private final ImmutableIntList keys;
  private final List<AggregateCall> aggCalls;

  public StreamWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      WindowSpec window, int timeIndex, ImmutableIntList keys, List<AggregateCall> aggCalls) {
    super(cluster, traits, input);
    this.window = window;
    this.timeIndex = timeIndex;
    this.keys = keys;
    this.aggCalls = List.copyOf(aggCalls);
  }

  public WindowSpec window() {
    return window;
  }

  public int timeIndex() {
    return timeIndex;
  }

  public ImmutableIntList keys() {
    return keys;
  }

  public List<AggregateCall> aggCalls() {
    return aggCalls;
  }

  @Override
  protected RelDataType deriveRowType() {
    RelDataTypeFactory f = getCluster().getTypeFactory();
    RelDataTypeFactory.Builder b = f.builder();
    List<org.apache.calcite.rel.type.RelDataTypeField> in = getInput().getRowType().getFieldList();
    for (int k : keys) {
      b.add(in.get(k).getName(), in.get(k).getType());
    }
    b.add("window_start", f.createSqlType(SqlTypeName.TIMESTAMP, 3));
    b.add("window_end", f.createSqlType(SqlTypeName.TIMESTAMP, 3));
    for (int i = 0; i < aggCalls.size(); i++) {
      AggregateCall call = aggCalls.get(i);
      b.add(call.getName() == null ? "agg$" + i : call.getName(), call.getType());
    }
    return b.uniquify().build();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new StreamWindowAggregate(getCluster(), traitSet, sole(inputs), window, timeIndex, keys,
        aggCalls);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("window", window)
        .item("time", "$" + timeIndex)
        .item("keys", keys)
        .item("aggs", aggCalls);
  }
}
