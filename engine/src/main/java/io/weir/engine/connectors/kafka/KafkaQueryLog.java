package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.QueryLog;
import io.weir.engine.connectors.QueryLog.FencedException;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query's {@link QueryLog} on its Kafka source's cluster, the way Kafka Streams keeps a task's
 * state: one producer owned by the query, one compacted changelog topic per state store
 * ({@code weir-<query>-<store>-changelog}, one partition: Weir runs a query with parallelism 1),
 * and the consumer group's offsets.
 *
 * <p><b>Exactly-once.</b> The producer is transactional with {@code transactional.id = weir-<query
 * id>}, stable across restarts, so {@link #open}'s {@code initTransactions} fences the producer of
 * an earlier instance and aborts its open transaction. A transaction begins with the first record
 * after a commit; the sink writer, Kafka side outputs on the same cluster and every changelog send
 * through this one producer. {@link #commit} adds the source's offsets ({@code
 * sendOffsetsToTransaction} for the reader's group; the reader uses {@code assign}, so the group
 * metadata carries only the group id) and commits. Any failure of a transactional call — a
 * timeout included — leaves the producer unusable: it is thrown as an EXTERNAL error and the
 * runtime restarts the query, which creates a new producer, whose {@code initTransactions}
 * settles the transaction in doubt (committing it if the commit had reached the coordinator,
 * aborting it otherwise) before state is restored from the changelogs. Nothing is retried
 * blindly. Being fenced (another producer took the transactional id) is a {@link
 * QueryLog.FencedException}, on which the runtime restarts once but fails the query when it
 * happens again soon after.
 *
 * <p><b>At-least-once.</b> The producer is idempotent but not transactional and serves the
 * changelogs only; {@link #commit} waits for every send, then commits the offsets with the
 * reader.
 *
 * <p>The producer is configured from Weir's defaults and the {@code properties.*} of the sink table
 * when it is a Kafka table on this cluster, else of the source table. Threading and call order as
 * {@link QueryLog} says.
 */
final class KafkaQueryLog implements QueryLog, Callback {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaQueryLog.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** The broker's default {@code transaction.max.timeout.ms}. */
  static final long BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT_MS = 900_000;

  private final String queryId;
  private final Settings settings;
  private final KafkaOptions sourceOptions;
  private final String bootstrap;
  private final Duration timeout;
  private final Map<String, Object> producerConfig;
  private final Map<String, Object> consumerConfig;
  private final Map<String, KafkaChangelog> changelogs = new LinkedHashMap<>();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong failures = new AtomicLong();

  private KafkaProducer<byte[], byte[]> producer;
  private KafkaConsumer<byte[], byte[]> restoreConsumer;
  private boolean inTransaction;
  /** A transactional call failed: the producer must not be used again (only closed). */
  private boolean broken;
  private long commits;

  KafkaQueryLog(TableDescriptor source, TableDescriptor sink, ConnectorContext context,
      Settings settings) {
    this.queryId = context.queryId();
    this.settings = settings;
    this.sourceOptions = KafkaOptions.of(source, context);
    this.bootstrap = sourceOptions.bootstrapServers();
    this.timeout = Duration.ofMillis(KafkaSourceReader.parseTimeout(
        sourceOptions.clientProperties(), source.name()));
    Map<String, String> producerProps = new HashMap<>(sourceOptions.clientProperties());
    if (sink != null && "kafka".equals(sink.option("connector"))) {
      KafkaOptions sinkOptions = KafkaOptions.of(sink, context);
      if (sameCluster(sinkOptions.bootstrapServers())) {
        producerProps = new HashMap<>(sinkOptions.clientProperties());
      }
    }
    for (String consumerOnly : List.of("group.id", "auto.offset.reset", "isolation.level",
        "default.api.timeout.ms", "max.poll.records", "fetch.min.bytes", "fetch.max.wait.ms")) {
      producerProps.remove(consumerOnly);
    }
    Map<String, Object> conf = CheckedProducer.config("weir-" + queryId + "-commit", producerProps,
        bootstrap);
    conf.put(ProducerConfig.ACKS_CONFIG, "all");
    conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    if (settings.transactional()) {
      conf.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(queryId));
      conf.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeoutMillis());
    }
    this.producerConfig = conf;

    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-" + queryId + "-restore-" + INSTANCES.incrementAndGet());
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    c.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    Map<String, String> consumerProps = new HashMap<>(sourceOptions.clientProperties());
    consumerProps.remove("group.id");
    Map<String, Object> cc = KafkaOptions.clientConfig(c, consumerProps, bootstrap);
    cc.remove(ConsumerConfig.GROUP_ID_CONFIG);
    cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    cc.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumerConfig = cc;
  }

  /** The transactional id of a query's producer: stable across restarts, one per query. */
  static String transactionalId(String queryId) {
    return "weir-" + queryId;
  }

  /** The changelog topic of store {@code name} of a query. */
  static String changelogTopic(String queryId, String name) {
    String topic = "weir-" + sanitize(queryId) + "-" + sanitize(name) + "-changelog";
    if (topic.length() > 249) {
      throw WeirException.user("query id '" + queryId + "' is too long for a changelog topic name ("
          + topic.length() + " > 249 characters)");
    }
    return topic;
  }

  private static String sanitize(String s) {
    return s.replaceAll("[^a-zA-Z0-9._-]", "_");
  }

  /** The transactional query log of {@code context}, or null when it has none. */
  static KafkaQueryLog transactionalOf(ConnectorContext context) {
    return context.queryLog() instanceof KafkaQueryLog k && k.settings.transactional() ? k : null;
  }

  /**
   * The log a writer on {@code writerBootstrap} writes through, or null when it writes with its
   * own producer (no exactly-once log).
   *
   * @throws WeirException USER when the query is exactly-once but the writer's topic is on
   *     another cluster, where the query's transaction cannot reach
   */
  static KafkaQueryLog sharedFor(ConnectorContext context, String writerBootstrap, String what) {
    KafkaQueryLog log = transactionalOf(context);
    if (log == null) {
      return null;
    }
    if (!log.sameCluster(writerBootstrap)) {
      throw WeirException.user(what + " is on Kafka at " + writerBootstrap + ", but the query reads"
          + " from " + log.bootstrap + ": 'processing.guarantee' = 'exactly_once' commits output"
          + " and offsets in one transaction on one cluster. Use the source's cluster, or set "
          + "'processing.guarantee' = 'at_least_once'");
    }
    return log;
  }

  private boolean sameCluster(String otherBootstrap) {
    return otherBootstrap != null && otherBootstrap.trim().equals(bootstrap.trim());
  }

  @Override
  public boolean transactional() {
    return settings.transactional();
  }

  @Override
  public void open() {
    if (settings.transactional()) {
      checkTransactionTimeout();
    }
    try {
      producer = new KafkaProducer<>(producerConfig);
    } catch (ConfigException e) {
      throw WeirException.user("query " + queryId + ": bad Kafka producer option: " + e.getMessage());
    } catch (KafkaException e) {
      throw WeirException.external("query " + queryId + ": cannot create a Kafka producer for "
          + bootstrap + ": " + e.getMessage(), e);
    }
    if (settings.transactional()) {
      long t0 = System.nanoTime();
      try {
        // Fences the producer of an earlier instance and settles its open transaction.
        producer.initTransactions();
      } catch (KafkaException e) {
        throw transactionFailure("initializing the transactions of '" + transactionalId(queryId) + "'", e);
      }
      LOG.info("query {}: transactional producer '{}' ready in {} ms (transaction timeout {} ms)",
          queryId, transactionalId(queryId), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
          settings.transactionTimeoutMillis());
    }
  }

  /** Refuses a transaction timeout above the broker's {@code transaction.max.timeout.ms}. */
  private void checkTransactionTimeout() {
    long max = BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT_MS;
    Admin admin = KafkaTopics.admin(consumerConfig, timeout);
    try {
      java.util.Collection<Node> nodes = admin.describeCluster().nodes()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!nodes.isEmpty()) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
            Integer.toString(nodes.iterator().next().id()));
        Config config = admin.describeConfigs(List.of(broker)).all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(broker);
        ConfigEntry entry = config == null ? null : config.get("transaction.max.timeout.ms");
        if (entry != null && entry.value() != null) {
          max = Long.parseLong(entry.value().trim());
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw KafkaTopics.unreachable(bootstrap, timeout, cause);
      }
      throw WeirException.external("query " + queryId + ": cannot read the configuration of the "
          + "brokers at " + bootstrap + ": " + cause.getMessage(), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw KafkaTopics.unreachable(bootstrap, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted while reading the broker configuration", e);
    } catch (NumberFormatException e) {
      LOG.warn("query {}: the broker's transaction.max.timeout.ms is not a number: {}", queryId,
          e.getMessage());
    } finally {
      admin.close(Duration.ZERO);
    }
    if (settings.transactionTimeoutMillis() > max) {
      throw WeirException.user("'transaction.timeout' = " + settings.transactionTimeoutMillis()
          + " ms is larger than the broker's transaction.max.timeout.ms = " + max + " ms at "
          + bootstrap + ": the broker would refuse every transaction of the query. Set "
          + "'transaction.timeout' to at most " + max + " ms (and at least 'commit.interval' = "
          + settings.commitIntervalMillis() + " ms)");
    }
  }

  @Override
  public boolean restores() {
    return settings.resume() || sourceOptions.startupMode() == KafkaOptions.StartupMode.GROUP;
  }

  @Override
  public Changelog changelog(String name) {
    KafkaChangelog existing = changelogs.get(name);
    if (existing != null) {
      return existing;
    }
    String topic = changelogTopic(queryId, name);
    KafkaTopics.ensureExist(consumerConfig, List.of(topic), timeout,
        Map.of("cleanup.policy", "compact"));
    KafkaChangelog changelog = new KafkaChangelog(topic);
    if (!restores()) {
      long end = changelog.endOffset();
      if (end > 0) {
        throw WeirException.user("query '" + queryId + "' starts afresh (its source does not resume"
            + " from committed offsets), but changelog topic '" + topic + "' holds " + end
            + " offsets of state from an earlier run with this id. Resume the query, give it a new"
            + " id, or delete the topic");
      }
    }
    changelogs.put(name, changelog);
    return changelog;
  }

  // ------------------------------------------------------------------------------ sending

  /** Makes sure {@code topic} exists (created with one partition, nothing deleted by age). */
  void ensureTopic(String topic) {
    KafkaTopics.ensureExist(consumerConfig, List.of(topic), timeout);
  }

  /** Sends a record within the query's open transaction (beginning one when none is open). */
  void send(ProducerRecord<byte[], byte[]> record, String what) {
    send(record, what, this);
  }

  private void send(ProducerRecord<byte[], byte[]> record, String what, Callback callback) {
    checkUsable();
    if (settings.transactional() && !inTransaction) {
      try {
        producer.beginTransaction();
      } catch (KafkaException e) {
        throw transactionFailure("beginning a transaction", e);
      }
      inTransaction = true;
    }
    try {
      CheckedProducer.throwIfFailedAtOnce(producer.send(record, callback));
    } catch (TimeoutException e) {
      throw WeirException.external(what + ": cannot reach Kafka at " + bootstrap + " to write topic '"
          + record.topic() + "': " + e.getMessage(), e);
    } catch (KafkaException e) {
      if (settings.transactional() && isFencing(e)) {
        throw fenced(what + ": writing topic '" + record.topic() + "'", e);
      }
      broken = settings.transactional();
      throw WeirException.external(what + ": writing topic '" + record.topic() + "' failed: "
          + e.getMessage(), e);
    }
  }

  /** Waits for every send so far; throws an EXTERNAL error when any failed. */
  void flushSends(String what) {
    checkUsable();
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw WeirException.external(what + ": flushing to Kafka at " + bootstrap + " failed: "
          + e.getMessage(), e);
    }
    checkFailures(what);
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception e) {
    if (e != null) {
      failures.incrementAndGet();
      firstFailure.compareAndSet(null, e);
    }
  }

  private void checkFailures(String what) {
    Exception e = firstFailure.getAndSet(null);
    if (e != null) {
      long n = failures.getAndSet(0);
      if (settings.transactional() && isFencing(e)) {
        throw fenced(what + ": " + n + " record(s) could not be written", e);
      }
      broken = settings.transactional();
      throw WeirException.external(what + ": " + n + " record(s) could not be written to Kafka at "
          + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private void checkUsable() {
    if (producer == null) {
      throw WeirException.internal("the query log of " + queryId + " is used before open", null);
    }
    if (broken) {
      throw WeirException.external("query " + queryId + ": the transactional producer failed "
          + "earlier and must be re-created (the query restarts)", null);
    }
  }

  // ------------------------------------------------------------------------------ commit

  @Override
  public void commit(SourceReader reader) {
    if (!(reader instanceof KafkaSourceReader source)) {
      throw WeirException.internal("a Kafka query log commits the position of a Kafka reader, got "
          + reader, null);
    }
    if (!settings.transactional()) {
      flushSends("query " + queryId + ": the changelogs");
      pauseInsideCommit("changelogs flushed, offsets not committed");
      source.commit();
      commits++;
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = source.uncommittedOffsets();
    if (!inTransaction && offsets.isEmpty()) {
      return;
    }
    checkUsable();
    checkFailures("query " + queryId);
    String what = "committing the transaction of query " + queryId;
    try {
      if (!inTransaction) {
        producer.beginTransaction();
        inTransaction = true;
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(source.groupId()));
      }
      pauseInsideCommit("offsets sent, transaction not committed");
      producer.commitTransaction();
    } catch (KafkaException e) {
      throw transactionFailure(what, e);
    }
    inTransaction = false;
    commits++;
    checkFailures("query " + queryId);
    source.markCommitted(offsets);
  }

  /** Fault injection for the chaos harness: see {@link Settings#commitPauseMillis()}. */
  private void pauseInsideCommit(String where) {
    long pause = settings.commitPauseMillis();
    if (pause <= 0) {
      return;
    }
    LOG.warn("chaos: query {} pauses {} ms inside commit {} ({})", queryId, pause, commits + 1,
        where);
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted inside a commit", e);
    }
  }

  /**
   * A failed transactional call: the producer is not used again. Timeouts and fencing are
   * EXTERNAL (a restart with a new producer settles them); a refused setting is a USER error.
   */
  private WeirException transactionFailure(String what, KafkaException e) {
    broken = true;
    if (e instanceof TimeoutException) {
      return WeirException.external(what + " timed out (max.block.ms = "
          + producerConfig.get(ProducerConfig.MAX_BLOCK_MS_CONFIG) + " ms): Kafka at " + bootstrap
          + " did not answer. The producer is re-created and the transaction in doubt settled when"
          + " the query restarts", e);
    }
    if (isFencing(e)) {
      return fenced(what, e);
    }
    if (e instanceof InvalidTxnTimeoutException) {
      return WeirException.user("'transaction.timeout' = " + settings.transactionTimeoutMillis()
          + " ms is refused by Kafka at " + bootstrap + ": " + e.getMessage());
    }
    if (e instanceof AuthorizationException) {
      return WeirException.user(what + ": not authorized: " + e.getMessage());
    }
    return WeirException.external(what + " failed: " + e.getMessage(), e);
  }

  /** Whether {@code e} (or its cause) says that another producer took the transactional id. */
  private static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  private WeirException fenced(String what, Throwable e) {
    broken = true;
    return new FencedException(what + ": the producer '" + transactionalId(queryId) + "' was"
        + " fenced: another instance of query " + queryId + " started, or a transaction outlived"
        + " 'transaction.timeout' (" + settings.transactionTimeoutMillis() + " ms) and the broker"
        + " aborted it: " + e.getMessage(), e);
  }

  /** How many transactions this log committed (for tests and logs). */
  long commits() {
    return commits;
  }

  @Override
  public void close() {
    if (producer != null) {
      if (inTransaction && !broken) {
        try {
          producer.abortTransaction();
        } catch (KafkaException e) {
          LOG.warn("query {}: aborting the open transaction failed (the next start aborts it): {}",
              queryId, e.toString());
        }
      }
      try {
        producer.close(broken ? Duration.ZERO : Duration.ofSeconds(5));
      } catch (KafkaException e) {
        LOG.warn("query {}: closing the producer failed", queryId, e);
      }
      producer = null;
      inTransaction = false;
    }
    if (restoreConsumer != null) {
      try {
        restoreConsumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
      } catch (KafkaException e) {
        LOG.warn("query {}: closing the restore consumer failed", queryId, e);
      }
      restoreConsumer = null;
    }
  }

  private KafkaConsumer<byte[], byte[]> restoreConsumer() {
    if (restoreConsumer == null) {
      try {
        restoreConsumer = new KafkaConsumer<>(consumerConfig);
      } catch (ConfigException e) {
        throw WeirException.user("query " + queryId + ": bad Kafka consumer option: " + e.getMessage());
      } catch (KafkaException e) {
        throw WeirException.external("query " + queryId + ": cannot create a Kafka consumer for "
            + bootstrap + ": " + e.getMessage(), e);
      }
    }
    return restoreConsumer;
  }

  /** One changelog topic with one partition. */
  private final class KafkaChangelog implements Changelog, Callback {
    private final String topic;
    private final TopicPartition partition;
    /** The offset after the last record this producer wrote, or after the restored records. */
    private final AtomicLong next = new AtomicLong();

    KafkaChangelog(String topic) {
      this.topic = topic;
      this.partition = new TopicPartition(topic, 0);
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
      if (e != null) {
        KafkaQueryLog.this.onCompletion(metadata, e);
      } else if (metadata != null && metadata.hasOffset()) {
        next.accumulateAndGet(metadata.offset() + 1, Math::max);
      }
    }

    /**
     * The offset after the last committed record: the broker's last stable offset, or what this
     * query wrote and restored when that is further (right after a commit the broker may not have
     * written the commit markers yet).
     */
    @Override
    public long endOffset() {
      return Math.max(lastStableOffset(), next.get());
    }

    @Override
    public String name() {
      return topic;
    }

    private long lastStableOffset() {
      KafkaConsumer<byte[], byte[]> c = restoreConsumer();
      try {
        Long end = c.endOffsets(List.of(partition), timeout).get(partition);
        return end == null ? 0 : end;
      } catch (TimeoutException e) {
        throw KafkaTopics.unreachable(bootstrap, timeout, e);
      } catch (KafkaException e) {
        throw WeirException.external("query " + queryId + ": cannot read the end of changelog '"
            + topic + "': " + e.getMessage(), e);
      }
    }

    @Override
    public long restore(long fromOffset, RestoreTarget target) {
      KafkaConsumer<byte[], byte[]> c = restoreConsumer();
      long n = 0;
      try {
        long end = lastStableOffset();
        next.accumulateAndGet(end, Math::max);
        if (fromOffset >= end) {
          return 0;
        }
        c.assign(List.of(partition));
        c.seek(partition, Math.max(0, fromOffset));
        long lastProgress = System.nanoTime();
        while (c.position(partition, timeout) < end) {
          var records = c.poll(Duration.ofMillis(200));
          if (records.isEmpty()) {
            if (System.nanoTime() - lastProgress > timeout.toNanos()) {
              throw WeirException.external("query " + queryId + ": restoring changelog '" + topic
                  + "' made no progress for " + timeout.toMillis() + " ms at offset "
                  + c.position(partition) + " of " + end, null);
            }
            continue;
          }
          lastProgress = System.nanoTime();
          for (ConsumerRecord<byte[], byte[]> r : records.records(partition)) {
            if (r.offset() >= end) {
              break;
            }
            target.restore(r.key(), r.value());
            n++;
          }
        }
        return n;
      } catch (TimeoutException e) {
        throw KafkaTopics.unreachable(bootstrap, timeout, e);
      } catch (KafkaException e) {
        throw WeirException.external("query " + queryId + ": restoring changelog '" + topic
            + "' failed: " + e.getMessage(), e);
      } finally {
        c.unsubscribe();
      }
    }

    @Override
    public void append(byte[] key, byte[] value) {
      send(new ProducerRecord<>(topic, 0, key, value), "changelog '" + topic + "'", this);
    }
  }
}
