package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.QueryLog;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import java.util.Map;

/**
 * The {@code kafka} connector, with Flink's option names: {@code topic} (several separated by
 * {@code ;} when read), {@code properties.bootstrap.servers} (default: the server's broker),
 * {@code properties.group.id} (default {@code weir-<queryId>}), any other {@code properties.*}
 * for the Kafka client, {@code scan.startup.mode} ({@code earliest-offset}, {@code
 * latest-offset}, {@code group-offsets} (default; then {@code properties.auto.offset.reset},
 * default earliest), {@code timestamp} with {@code scan.startup.timestamp-millis}), {@code
 * scan.bounded.mode = latest-offset} (stop at the end offsets seen when the reader opens), {@code
 * format = json}, {@code key.fields} and {@code key.format} for written keys. The internal option
 * {@code weir.resume = true} starts from the group's committed offsets where it has them,
 * whatever the startup mode (a persistent query resuming after a restart).
 *
 * <p>Stateless: readers, writers and side outputs carry the state. Only this package imports
 * Kafka.
 */
public final class KafkaConnector implements Connector {
  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void validate(TableDescriptor table) {
    KafkaOptions.validate(table);
    Formats.validate(table);
  }

  @Override
  public boolean canRead() {
    return true;
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  @Override
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    return new KafkaSourceReader(table, context);
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    return new KafkaSinkWriter(table, context);
  }

  /** A query's changelogs and commits on the source's cluster; see {@link KafkaQueryLog}. */
  @Override
  public QueryLog createQueryLog(TableDescriptor source, TableDescriptor sink,
      ConnectorContext context, QueryLog.Settings settings) {
    return new KafkaQueryLog(source, sink, context, settings);
  }

  /** Options (prefix removed): {@code topic}, {@code properties.*}. See {@link KafkaSideOutput}. */
  @Override
  public SideOutput createSideOutput(String purpose, Map<String, String> options, ConnectorContext context) {
    return new KafkaSideOutput(purpose, options, context);
  }
}
