package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.errors.WeirException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes dead-letter or late records to a Kafka topic: the value is the original bytes, each
 * metadata entry (reason, topic, partition, offset, …) is a header with a UTF-8 value. Options
 * (prefix removed): {@code topic}, {@code properties.bootstrap.servers} (else the server's
 * default broker), any other {@code properties.*}. The topic is created when missing.
 * In an exactly-once query whose source is on the same cluster, records go through the query's
 * transactional producer and become visible with the query's commits, so each dead letter or
 * late record is there exactly once; on another cluster the query refuses to start. Same call
 * order, threading and failures as {@link KafkaSinkWriter}.
 */
final class KafkaSideOutput implements SideOutput {
  private final CheckedProducer producer;
  private final KafkaQueryLog shared;
  private final String topic;
  private final String what;

  KafkaSideOutput(String purpose, Map<String, String> options, ConnectorContext context) {
    String what = purpose + " output";
    String topicOption = options.get("topic");
    if (topicOption == null || topicOption.isBlank()) {
      throw WeirException.user("the Kafka " + what + " needs the option 'topic'");
    }
    List<String> topics = KafkaOptions.topics(what, topicOption);
    if (topics.size() != 1) {
      throw WeirException.user("the Kafka " + what + " writes one topic, got '" + topicOption + "'");
    }
    Map<String, String> props = new java.util.TreeMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith("properties.")) {
        props.put(k.substring("properties.".length()), v);
      }
    });
    String bootstrap = props.get("bootstrap.servers");
    if (bootstrap == null || bootstrap.isBlank()) {
      bootstrap = context.defaultKafkaBootstrap();
    }
    if (bootstrap == null) {
      throw WeirException.user("the Kafka " + what + " needs the option 'properties.bootstrap.servers': "
          + "no Kafka broker is configured for this server");
    }
    this.what = "the Kafka " + what;
    this.topic = topics.get(0);
    this.shared = KafkaQueryLog.sharedFor(context, bootstrap, this.what + " '" + topic + "'");
    if (shared != null) {
      shared.ensureTopic(topic);
      producer = null;
    } else {
      producer = new CheckedProducer(this.what, topic, bootstrap,
          "weir-" + context.queryId() + "-" + purpose.replaceAll("[^A-Za-z0-9._-]", "-"), props);
    }
  }

  @Override
  public void write(byte[] original, Map<String, String> metadata) {
    List<Header> headers = new ArrayList<>(metadata.size());
    metadata.forEach((k, v) -> headers.add(
        new RecordHeader(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8))));
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, null, original, headers);
    if (shared != null) {
      shared.send(record, what);
    } else {
      producer.send(record);
    }
  }

  @Override
  public void flush() {
    if (shared != null) {
      shared.flushSends(what);
    } else {
      producer.flush();
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
