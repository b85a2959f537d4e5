package io.weir.engine.graph;

/**
 * A table's {@code WATERMARK FOR col AS col - INTERVAL …}: the watermark of a split is the
 * largest {@code rowtime - delay} seen on it (Flink's bounded out-of-orderness, without Flink's
 * DataStream {@code -1}, as Flink SQL does).
 *
 * @param rowtimeIndex the rowtime column's position in the table's full row (physical + computed)
 * @param delayMillis how far behind the largest rowtime the watermark stays
 * @param text the clause as written, for EXPLAIN
 */
public record WatermarkSpec(int rowtimeIndex, long delayMillis, String text) {}
