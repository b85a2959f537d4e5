package io.weir.engine.graph;

import io.weir.engine.data.Schema;
import java.util.Map;

/**
 * Reads a table and turns each physical row into the table's full row: computed columns are
 * evaluated, the watermark is tracked per split and rows late for the query's window are routed
 * to the late-data destination right here, where their original bytes are still at hand.
 *
 * @param table the table's name
 * @param options its WITH options (connector, format, …)
 * @param physicalSchema the columns the connector produces
 * @param schema physical then computed columns
 * @param computedColumns the generated code (see {@link CalcSpec}) that maps a physical row to
 *     the full row, or null when the table has no computed column
 * @param watermark the table's watermark clause, or null
 * @param lateWindow when a window aggregation consumes this source: its window, used to decide
 *     whether a row is late ({@code lastWindowEnd(rowtime) - 1 <= watermark}); null otherwise
 */
public record SourceSpec(
    String table,
    Map<String, String> options,
    Schema physicalSchema,
    Schema schema,
    CalcSpec computedColumns,
    WatermarkSpec watermark,
    WindowSpec lateWindow)
    implements OperatorSpec {

  public SourceSpec {
    options = Map.copyOf(options);
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("Source(table=").append(table)
        .append(", connector=").append(options.getOrDefault("connector", "?"));
    if (options.containsKey("format")) {
      sb.append(", format=").append(options.get("format"));
    }
    if (computedColumns != null) {
      sb.append(", computed=").append(computedColumns.explainText());
    }
    if (watermark != null) {
      sb.append(", watermark=[").append(watermark.text()).append(']');
    }
    if (lateWindow != null) {
      sb.append(", late-check=").append(lateWindow);
    }
    return sb.append(')').toString();
  }
}
