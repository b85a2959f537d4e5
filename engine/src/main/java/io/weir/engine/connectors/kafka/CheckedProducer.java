package io.weir.engine.connectors.kafka;

import io.weir.engine.errors.WeirException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One {@link KafkaProducer} with the error bookkeeping a {@code flush()} contract needs: sends
 * are asynchronous, the first failure is remembered by the callback (on the producer's I/O
 * thread) and thrown by the next {@link #flush()} on the task thread. Shared by the sink writer
 * and the side output.
 */
final class CheckedProducer implements Callback {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  static final long DEFAULT_MAX_BLOCK_MS = 15_000;

  private final String what;
  private final String topic;
  private final String bootstrap;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param what names the writer in messages, e.g. {@code table 'out'}
   * @param userProperties the {@code properties.*} options without the prefix; they override
   *     Weir's defaults (except the serializers)
   */
  CheckedProducer(String what, String topic, String bootstrap, String clientIdBase,
      Map<String, String> userProperties) {
    this.what = what;
    this.topic = topic;
    this.bootstrap = bootstrap;
    Map<String, Object> conf = config(clientIdBase, userProperties, bootstrap);
    KafkaTopics.ensureExist(conf, java.util.List.of(topic), Duration.ofMillis(maxBlockMs(conf)));
    try {
      producer = new KafkaProducer<>(conf);
    } catch (ConfigException e) {
      throw WeirException.user(what + ": bad Kafka client option: " + e.getMessage());
    } catch (KafkaException e) {
      throw WeirException.external(what + ": cannot create a Kafka producer for " + bootstrap + ": "
          + e.getMessage(), e);
    }
  }

  static Map<String, Object> config(String clientIdBase, Map<String, String> userProperties, String bootstrap) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdBase + "-" + INSTANCES.incrementAndGet());
    defaults.put(ProducerConfig.ACKS_CONFIG, "all");
    defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    defaults.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
    defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    Map<String, Object> conf = KafkaOptions.clientConfig(defaults, userProperties, bootstrap);
    conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return conf;
  }

  private static long maxBlockMs(Map<String, Object> conf) {
    Object v = conf.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw WeirException.user("'properties.max.block.ms' must be a number of milliseconds, got '" + v + "'");
    }
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    try {
      throwIfFailedAtOnce(producer.send(record, this));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw WeirException.external(what + ": cannot reach Kafka at " + bootstrap + " to write topic '"
          + topic + "': " + e.getMessage(), e);
    } catch (KafkaException e) {
      throw WeirException.external(what + ": writing topic '" + topic + "' failed: " + e.getMessage(), e);
    }
  }

  String topic() {
    return topic;
  }

  @Override
  public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
    if (e != null) {
      failures.incrementAndGet();
      firstFailure.compareAndSet(null, e);
    }
  }

  /**
   * Rethrows the failure of a send that failed inside {@code send} itself. The producer does not
   * throw the errors it meets before a record is buffered (no metadata within {@code
   * max.block.ms}, a record too large): it completes the future, and the callback, right away. A
   * caller that sends many records would otherwise wait {@code max.block.ms} once per record
   * before noticing that Kafka is gone.
   */
  static void throwIfFailedAtOnce(java.util.concurrent.Future<?> sent) {
    if (!sent.isDone()) {
      return; // the usual case: buffered, to be acknowledged later
    }
    try {
      sent.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof KafkaException k) {
        throw k;
      }
      throw new KafkaException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.apache.kafka.common.errors.InterruptException(e);
    }
  }

  /** Waits for every send so far; throws an external error if any failed since the last flush. */
  void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw WeirException.external(what + ": flushing topic '" + topic + "' failed: " + e.getMessage(), e);
    }
    Exception e = firstFailure.getAndSet(null);
    if (e != null) {
      long n = failures.getAndSet(0);
      throw WeirException.external(what + ": " + n + " record(s) could not be written to topic '" + topic
          + "' on " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
