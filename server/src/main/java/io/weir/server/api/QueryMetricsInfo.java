package io.weir.server.api;

/**
 * A query's counters as {@code GET /v1/queries/{id}} reports them.
 *
 * @param rowsInPerSecond rows read per second over the last few seconds
 * @param watermark the current watermark in epoch milliseconds, null before the first
 * @param watermarkTime the same as ISO-8601 text (UTC), null before the first
 * @param consumerLag records the Kafka source has yet to read, null when unknown
 * @param pausedPartitions source partitions paused now for backpressure (user functions busy)
 * @param functions the counters of each user function the query calls; null when none
 */
public record QueryMetricsInfo(
    long rowsIn,
    long rowsOut,
    double rowsInPerSecond,
    double rowsOutPerSecond,
    long lateRows,
    long malformedRows,
    long errors,
    Long watermark,
    String watermarkTime,
    Long consumerLag,
    long pausedPartitions,
    java.util.List<FunctionMetricsInfo> functions) {}
