package io.weir.engine.plan;

import io.weir.engine.graph.SourceSpec;
import io.weir.engine.sql.TableDef;

/** Builds the source step for a table (computed columns and watermark compiled). */
interface SourceSpecs {
  SourceSpec sourceSpec(TableDef table);
}
