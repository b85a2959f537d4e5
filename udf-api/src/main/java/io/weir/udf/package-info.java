/**
 * The API a UDF author compiles against — JDK only. Four kinds of function:
 *
 * <ul>
 *   <li><b>scalar</b>: a plain class with one {@link io.weir.udf.Udf}-annotated method per
 *       overload (ksqlDB's shape): one row's arguments → one value;
 *   <li><b>aggregate</b>: {@link io.weir.udf.AggregateFunction} — typed initialize, add, merge,
 *       result ({@link io.weir.udf.RetractableAggregateFunction} adds retract);
 *   <li><b>window</b>: {@link io.weir.udf.WindowFunction} — every row of one window, in event-time
 *       order → one value (time-series models over HOP windows);
 *   <li><b>model</b>: {@link io.weir.udf.ModelFunction} — a batch of rows → one result per row, run
 *       by the engine on a bounded worker pool.
 * </ul>
 *
 * <p>SQL types follow from Java signatures and annotations ({@link io.weir.udf.SqlType} lists the
 * mapping); {@link io.weir.udf.reflect.FunctionInspector} applies it exactly as the engine does at
 * {@code CREATE FUNCTION}, and {@code io.weir.udf.testing} lets an author unit-test a function
 * without the engine. Nothing here may import anything but {@code java.*}.
 */
package io.weir.udf;
