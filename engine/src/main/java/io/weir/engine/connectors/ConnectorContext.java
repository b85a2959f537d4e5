package io.weir.engine.connectors;

import io.weir.engine.metrics.QueryMetrics;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What the runtime gives a connector instance.
 *
 * @param queryId the query the source or sink belongs to (also the default Kafka group id)
 * @param workDirectory a directory this instance alone may write to
 * @param defaultKafkaBootstrap bootstrap servers used when a Kafka table names none (the
 *     server's embedded or configured broker), or null
 * @param stdout where {@code print} sinks write
 */
public record ConnectorContext(
    String queryId, Path workDirectory, String defaultKafkaBootstrap, PrintStream stdout,
    QueryMetrics metrics) {}
