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
 * @param lateFilter the query's condition between this source and the window aggregation, over
 *     the full row (a {@link CalcSpec} that returns null for a row the condition drops), or null:
 *     a late row that the condition drops is not late, it never reaches the window — as in Flink,
 *     where the window operator counts and drops late rows after WHERE
 */
public record SourceSpec(
    String table,
    Map<String, String> options,
    Schema physicalSchema,
    Schema schema,
    CalcSpec computedColumns,
    WatermarkSpec watermark,
    WindowSpec lateWindow,
    CalcSpec lateFilter)
    implements OperatorSpec {

  public SourceSpec {
    options = Map.copyOf(options);
  }

  /** A source that no window aggregation reads (yet): no late check. */
  public SourceSpec(String table, Map<String, String> options, Schema physicalSchema,
      Schema schema, CalcSpec computedColumns, WatermarkSpec watermark) {
    this(table, options, physicalSchema, schema, computedColumns, watermark, null, null);
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
      if (lateFilter != null) {
        sb.append(" for ").append(lateFilter.explainText());
      }
    }
    return sb.append(')').toString();
  }
}
