package io.weir.engine.connectors;

import java.util.Map;

/**
 * A destination for records that leave the main flow: malformed records (dead letters) and late
 * records. Each record keeps its original bytes; the metadata (reason, source, topic, partition,
 * offset, …) travels beside it — as Kafka headers on a topic, as fields of a JSON line in a file.
 * Same call order and threading as {@link SinkWriter}.
 */
public interface SideOutput extends AutoCloseable {
  void write(byte[] original, Map<String, String> metadata);

  void flush();

  @Override
  void close();
}
