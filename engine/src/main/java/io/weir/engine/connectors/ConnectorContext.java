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
 * @param queryLog the query's changelogs and commits, when it has them (a persistent query on a
 *     Kafka source), or null; writers on the same cluster write through its producer when it is
 *     transactional, so their records commit with the query
 */
public record ConnectorContext(
    String queryId, Path workDirectory, String defaultKafkaBootstrap, PrintStream stdout,
    QueryMetrics metrics, QueryLog queryLog) {

  /** A context without a query log. */
  public ConnectorContext(String queryId, Path workDirectory, String defaultKafkaBootstrap,
      PrintStream stdout, QueryMetrics metrics) {
    this(queryId, workDirectory, defaultKafkaBootstrap, stdout, metrics, null);
  }

  /** The same context with a query log. */
  public ConnectorContext withQueryLog(QueryLog log) {
    return new ConnectorContext(queryId, workDirectory, defaultKafkaBootstrap, stdout, metrics,
        log);
  }
}
