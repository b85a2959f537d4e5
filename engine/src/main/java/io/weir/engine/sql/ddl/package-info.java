/**
 * Parse trees of Weir's DDL and utility statements: {@code CREATE/DROP TABLE}, {@code CREATE/DROP
 * VIEW}, {@code CREATE/DROP FUNCTION}, {@code SHOW}, {@code DESCRIBE FUNCTION}, {@code SET},
 * {@code RESET}, {@code STOP QUERY}, and the Flink type names {@code STRING} and {@code BYTES}.
 *
 * <p>Every class here is an immutable Calcite {@link org.apache.calcite.sql.SqlNode} built by the
 * generated parser ({@code io.weir.engine.sql.parser}); each {@code unparse} prints valid SQL that
 * parses back to an equal tree. Getters give the planner plain Java values (strings, lists, maps in
 * declaration order) and the nodes themselves where a position is needed for an error message.
 *
 * <p>May import: Calcite ({@code org.apache.calcite.sql..}, {@code org.apache.calcite.util}) and
 * the JDK. Nothing from other Weir packages.
 */
package io.weir.engine.sql.ddl;
