/**
 * Sinks for looking and measuring: {@code print} (rows on the server's stdout, formatted as
 * Flink's print sink formats them) and {@code blackhole} (rows discarded and counted). May import
 * {@code connectors}, {@code data}, {@code errors} and {@code operators.RowBatch}.
 */
package io.weir.engine.connectors.print;
