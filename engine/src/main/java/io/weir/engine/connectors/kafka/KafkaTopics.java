package io.weir.engine.connectors.kafka;

import io.weir.engine.errors.WeirException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the connector needs when they are missing: one partition, one replica,
 * nothing deleted by retention ({@code retention.ms=-1}: replayed events carry old timestamps).
 * Called once per reader or writer when it opens; every call is bounded by a timeout.
 */
final class KafkaTopics {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

  private KafkaTopics() {}

  /**
   * Makes sure each topic exists, creating the missing ones.
   *
   * @param clientConfig the client's configuration (bootstrap servers, security); keys an admin
   *     client does not know are left out
   * @throws WeirException external when the broker cannot be reached or refuses
   */
  static void ensureExist(Map<String, Object> clientConfig, Collection<String> topics, Duration timeout) {
    ensureExist(clientConfig, topics, timeout, Map.of("retention.ms", "-1"));
  }

  /**
   * Makes sure each topic exists, creating the missing ones with one partition and the given
   * topic configs (e.g. {@code cleanup.policy=compact} for a changelog).
   *
   * @throws WeirException external when the broker cannot be reached or refuses
   */
  static void ensureExist(Map<String, Object> clientConfig, Collection<String> topics, Duration timeout,
      Map<String, String> topicConfigs) {
    String bootstrap = String.valueOf(clientConfig.get("bootstrap.servers"));
    Admin admin = admin(clientConfig, timeout);
    try {
      for (String topic : topics) {
        ensureExists(admin, bootstrap, topic, timeout, topicConfigs);
      }
    } finally {
      // Pending requests would keep close() waiting for their own timeout: drop them.
      admin.close(Duration.ZERO);
    }
  }

  private static void ensureExists(Admin admin, String bootstrap, String topic, Duration timeout,
      Map<String, String> topicConfigs) {
    try {
      try {
        admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      NewTopic t = new NewTopic(topic, 1, (short) 1).configs(topicConfigs);
      try {
        admin.createTopics(List.of(t)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("created Kafka topic '{}' on {} (1 partition, {})", topic, bootstrap, topicConfigs);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(bootstrap, timeout, cause);
      }
      throw WeirException.external("Kafka at " + bootstrap + " refused topic '" + topic + "': " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw unreachable(bootstrap, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted while checking Kafka topic '" + topic + "'", e);
    }
  }

  /**
   * Opens an admin client with the client configuration's connection settings (keys an admin
   * client does not know are left out), every call bounded by {@code timeout}.
   */
  static Admin admin(Map<String, Object> clientConfig, Duration timeout) {
    String bootstrap = String.valueOf(clientConfig.get("bootstrap.servers"));
    Map<String, Object> conf = new HashMap<>();
    clientConfig.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        conf.put(k, v);
      }
    });
    conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    conf.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    try {
      return Admin.create(conf);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw WeirException.external("cannot talk to Kafka at " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  static WeirException unreachable(String bootstrap, Duration timeout, Throwable cause) {
    return WeirException.external("cannot reach Kafka at " + bootstrap + " within "
        + timeout.toMillis() + " ms (is the broker running? check 'properties.bootstrap.servers')", cause);
  }
}
