package io.weir.engine.sql;

import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table created with {@code CREATE TABLE}: physical columns (what the connector reads and
 * writes), computed columns (expressions over the physical ones), an optional watermark and the
 * connector options.
 *
 * @param ddl the statement that created it, as written (SHOW CREATE and the durable catalog)
 */
public record TableDef(
    String name,
    Schema physicalSchema,
    List<ComputedColumn> computedColumns,
    WatermarkDef watermark,
    Map<String, String> options,
    String ddl) {

  /** A column {@code name AS expression}; {@code type} is derived when the table is created. */
  public record ComputedColumn(String name, String expression, DataType type) {}

  /** {@code WATERMARK FOR column AS expression}. */
  public record WatermarkDef(String column, String expression) {}

  public TableDef {
    computedColumns = List.copyOf(computedColumns);
    options = Map.copyOf(options);
  }

  /** Physical columns, then computed ones: the row a query sees. */
  public Schema schema() {
    if (computedColumns.isEmpty()) {
      return physicalSchema;
    }
    List<Field> fields = new ArrayList<>(physicalSchema.fields());
    for (ComputedColumn c : computedColumns) {
      fields.add(new Field(c.name(), c.type()));
    }
    return new Schema(fields);
  }

  public TableDescriptor descriptor() {
    return new TableDescriptor(name, physicalSchema, options);
  }
}
