package io.weir.engine.sql;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Shows a {@link Catalog} to Calcite. Tables appear with their full row (physical and computed
 * columns); {@link #physical} shows only physical columns, which is what computed-column
 * expressions are planned against. Views expand through the planner's view expander.
 */
public final class CatalogSchema extends AbstractSchema {
  private final Catalog catalog;
  private final boolean physicalOnly;

  private CatalogSchema(Catalog catalog, boolean physicalOnly) {
    this.catalog = catalog;
    this.physicalOnly = physicalOnly;
  }

  public static CatalogSchema full(Catalog catalog) {
    return new CatalogSchema(catalog, false);
  }

  public static CatalogSchema physical(Catalog catalog) {
    return new CatalogSchema(catalog, true);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new HashMap<>();
    for (TableDef t : catalog.tables()) {
      map.put(t.name(), new SourceTable(t, physicalOnly));
    }
    if (!physicalOnly) {
      for (ViewDef v : catalog.views()) {
        map.put(v.name(), new ViewTable(v));
      }
    }
    return map;
  }

  /** A catalog table as Calcite sees it; planning unwraps it to reach the {@link TableDef}. */
  public static final class SourceTable extends AbstractTable {
    private final TableDef def;
    private final boolean physicalOnly;

    SourceTable(TableDef def, boolean physicalOnly) {
      this.def = def;
      this.physicalOnly = physicalOnly;
    }

    public TableDef def() {
      return def;
    }

    public boolean physicalOnly() {
      return physicalOnly;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return TypeMapping.toRelType(physicalOnly ? def.physicalSchema() : def.schema(), typeFactory);
    }
  }

  /** A view: its query is expanded in place when a statement uses it. */
  static final class ViewTable extends AbstractTable implements TranslatableTable {
    private final ViewDef def;

    ViewTable(ViewDef def) {
      this.def = def;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return TypeMapping.toRelType(def.schema(), typeFactory);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      RelNode rel = context.expandView(relOptTable.getRowType(), def.query(), java.util.List.of(),
          java.util.List.of(def.name())).rel;
      // The view's stored row type may differ in nullability from what its query derives now.
      return org.apache.calcite.plan.RelOptUtil.createCastRel(rel, relOptTable.getRowType(), true);
    }
  }
}
