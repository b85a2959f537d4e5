package io.weir.engine.runtime;

import java.nio.file.Path;

/**
 * How a query runs.
 *
 * @param stateDirectory where the query's operators keep their state
 * @param batchSize rows read per poll at most
 * @param commitIntervalMillis how often an unbounded query flushes its state and sinks and commits
 *     its source positions
 * @param idleTimeoutMillis after how long without records a split stops holding back the
 *     watermark; 0 disables idleness (Flink's default)
 * @param defaultKafkaBootstrap the broker Kafka tables use when they name none, or null
 */
public record TaskConfig(Path stateDirectory, int batchSize, long commitIntervalMillis,
    long idleTimeoutMillis, String defaultKafkaBootstrap) {}
