/**
 * The SQL front end: the parser ({@code sql.parser}, Calcite's template plus Weir's DDL grammar,
 * and {@code sql.ddl}, the DDL nodes), the catalog of tables and views, how the catalog is shown
 * to Calcite, the type mapping and Flink's functions. May import {@code data}, {@code errors},
 * {@code connectors} (to validate table options) and Calcite; never {@code plan}, {@code runtime}
 * or {@code operators}.
 */
package io.weir.engine.sql;
