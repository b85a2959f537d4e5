package io.weir.engine.graph;

import io.weir.engine.data.Schema;
import java.util.Arrays;
import java.util.List;

/**
 * A window aggregation over slices: rows are grouped by {@code keyIndexes} and by window of the
 * rowtime column; one result row per (key, window) is emitted when the watermark passes the
 * window's end.
 *
 * <p>Output row layout: the key columns (in {@code keyIndexes} order), {@code window_start},
 * {@code window_end} (rowtime's timestamp type), then one column per aggregate call.
 */
public record WindowAggSpec(
    WindowSpec window,
    int timeIndex,
    int[] keyIndexes,
    List<AggCallSpec> aggCalls,
    Schema inputSchema,
    Schema outputSchema)
    implements OperatorSpec {

  public WindowAggSpec {
    keyIndexes = keyIndexes.clone();
    aggCalls = List.copyOf(aggCalls);
  }

  @Override
  public int[] keyIndexes() {
    return keyIndexes.clone();
  }

  @Override
  public String explain() {
    return "WindowAggregate(window=" + window + ", time=$" + timeIndex + ", keys="
        + Arrays.toString(Arrays.stream(keyIndexes).mapToObj(i -> "$" + i).toArray()) + ", aggs="
        + aggCalls + ")";
  }
}
