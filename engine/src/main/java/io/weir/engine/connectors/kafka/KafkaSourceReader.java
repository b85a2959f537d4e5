package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.MalformedRecordException;
import io.weir.engine.connectors.format.RowDecoder;
import io.weir.engine.errors.WeirException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics of one {@code kafka} table with one {@link KafkaConsumer} that is {@code
 * assign}ed every partition (no group membership, so no rebalances). Split {@code i} is the
 * {@code i}-th partition in (topic, partition) order. Commits go to the group {@code
 * properties.group.id} and hold the position after the last record handed over.
 *
 * <p>Missing topics are created with one partition when the reader opens (what a plain consumer
 * does against a broker that creates topics on first use). Opening is bounded by the client's
 * {@code default.api.timeout.ms} (15 s unless {@code properties.default.api.timeout.ms} says
 * otherwise): an unreachable broker is an external {@link WeirException}, not a hang.
 */
final class KafkaSourceReader implements SourceReader {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  static final long DEFAULT_API_TIMEOUT_MS = 15_000;
  private static final long LAG_INTERVAL_NANOS = 1_000_000_000L;

  private final TableDescriptor table;
  private final ConnectorContext context;
  private final KafkaOptions options;
  private final Duration apiTimeout;
  private RowDecoder decoder;
  private KafkaConsumer<byte[], byte[]> consumer;
  private List<TopicPartition> partitions = List.of();
  private final Map<TopicPartition, Integer> splitOf = new HashMap<>();

  /** Per split: the offset after the last record handed over, and that record's leader epoch. */
  private long[] handed;
  private Integer[] handedEpoch;
  private boolean[] dirty;
  /** Per split, bounded mode only: the end offset seen at open, and whether it was reached. */
  private long[] stop;
  private boolean[] done;
  private int remaining;

  /** Records fetched but not yet handed over (the runtime asked for fewer). */
  private ConsumerRecords<byte[], byte[]> batch;
  private List<TopicPartition> batchPartitions = List.of();
  private int batchPartition;
  private List<ConsumerRecord<byte[], byte[]>> batchRecords = List.of();
  private int batchIndex;
  private int batchSplit;
  private int batchLeft;

  private long nextLagUpdate;
  /** Paused for backpressure: polled to stay alive, hands nothing over. */
  private boolean backpressured;

  KafkaSourceReader(TableDescriptor table, ConnectorContext context) {
    this.table = table;
    this.context = context;
    this.options = KafkaOptions.of(table, context);
    this.apiTimeout = Duration.ofMillis(parseTimeout(options.clientProperties(), table.name()));
  }

  static long parseTimeout(Map<String, String> props, String table) {
    String v = props.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    if (v == null) {
      return DEFAULT_API_TIMEOUT_MS;
    }
    try {
      long ms = Long.parseLong(v.trim());
      if (ms > 0) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw WeirException.user("table '" + table + "': 'properties.default.api.timeout.ms' must be a "
        + "positive number of milliseconds, got '" + v + "'");
  }

  Map<String, Object> consumerConfig() {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(ConsumerConfig.CLIENT_ID_CONFIG,
        "weir-" + context.queryId() + "-" + table.name() + "-" + INSTANCES.incrementAndGet());
    defaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    defaults.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        options.startupMode() == KafkaOptions.StartupMode.LATEST ? "latest" : "earliest");
    defaults.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_API_TIMEOUT_MS);
    // Throughput: large polls and fetches (a fetch still returns as soon as one byte is there).
    defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8192);
    defaults.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    defaults.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    Map<String, Object> conf = KafkaOptions.clientConfig(defaults, options.clientProperties(),
        options.bootstrapServers());
    conf.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    if (context.queryLog() != null && context.queryLog().transactional()) {
      // Exactly-once reads only committed input, as Kafka Streams does.
      conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    return conf;
  }

  @Override
  public void open() {
    decoder = Formats.decoder(table);
    Map<String, Object> conf = consumerConfig();
    KafkaTopics.ensureExist(conf, options.topics(), apiTimeout);
    try {
      consumer = new KafkaConsumer<>(conf);
    } catch (ConfigException e) {
      throw WeirException.user("table '" + table.name() + "': bad Kafka client option: " + e.getMessage());
    } catch (KafkaException e) {
      throw WeirException.external("table '" + table.name() + "': cannot create a Kafka consumer for "
          + options.bootstrapServers() + ": " + e.getMessage(), e);
    }
    try {
      assignAndSeek();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw KafkaTopics.unreachable(options.bootstrapServers(), apiTimeout, e);
    } catch (WeirException e) {
      throw e;
    } catch (KafkaException e) {
      throw WeirException.external("table '" + table.name() + "': Kafka at " + options.bootstrapServers()
          + " failed while opening topics " + options.topics() + ": " + e.getMessage(), e);
    }
  }

  private void assignAndSeek() {
    List<TopicPartition> all = new ArrayList<>();
    long deadline = System.nanoTime() + apiTimeout.toNanos();
    for (String topic : options.topics()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, apiTimeout);
      // A topic just created may take a moment to reach the broker's metadata.
      while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
        sleepBriefly();
        infos = consumer.partitionsFor(topic, apiTimeout);
      }
      if (infos == null || infos.isEmpty()) {
        throw WeirException.external("table '" + table.name() + "': topic '" + topic + "' has no partitions on "
            + options.bootstrapServers(), null);
      }
      for (PartitionInfo p : infos) {
        all.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    all.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    partitions = List.copyOf(all);
    int n = partitions.size();
    for (int i = 0; i < n; i++) {
      splitOf.put(partitions.get(i), i);
    }
    handed = new long[n];
    handedEpoch = new Integer[n];
    dirty = new boolean[n];
    consumer.assign(partitions);

    KafkaOptions.StartupMode mode = options.startupMode();
    Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    if (options.resume() || mode == KafkaOptions.StartupMode.GROUP) {
      committed = consumer.committed(Set.copyOf(partitions), apiTimeout);
    }
    String reset = options.clientProperties().getOrDefault("auto.offset.reset", "earliest").trim();
    List<TopicPartition> toBeginning = new ArrayList<>();
    List<TopicPartition> toEnd = new ArrayList<>();
    Map<TopicPartition, Long> toTime = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata c = committed.get(tp);
      if (c != null) {
        consumer.seek(tp, c);
        continue;
      }
      switch (mode) {
        case EARLIEST -> toBeginning.add(tp);
        case LATEST -> toEnd.add(tp);
        case TIMESTAMP -> toTime.put(tp, options.startupTimestamp());
        case GROUP -> {
          if (reset.equalsIgnoreCase("latest")) {
            toEnd.add(tp);
          } else if (reset.equalsIgnoreCase("none")) {
            throw WeirException.user("table '" + table.name() + "': group '" + options.groupId()
                + "' has no committed offset for " + tp + " and 'properties.auto.offset.reset' is 'none'");
          } else {
            toBeginning.add(tp);
          }
        }
      }
    }
    if (!toTime.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(toTime, apiTimeout);
      for (TopicPartition tp : toTime.keySet()) {
        OffsetAndTimestamp o = found.get(tp);
        if (o == null) {
          toEnd.add(tp);
        } else {
          consumer.seek(tp, o.offset());
        }
      }
    }
    if (!toBeginning.isEmpty()) {
      consumer.seekToBeginning(toBeginning);
    }
    if (!toEnd.isEmpty()) {
      consumer.seekToEnd(toEnd);
    }
    for (int i = 0; i < n; i++) {
      handed[i] = consumer.position(partitions.get(i), apiTimeout);
      dirty[i] = true;
    }
    if (options.bounded()) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, apiTimeout);
      stop = new long[n];
      done = new boolean[n];
      List<TopicPartition> finished = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        stop[i] = ends.get(partitions.get(i));
        if (handed[i] >= stop[i]) {
          done[i] = true;
          finished.add(partitions.get(i));
        }
      }
      remaining = n - finished.size();
      consumer.pause(finished);
    }
    LOG.info("table '{}': reading {} partition(s) of {} from {} (group '{}', start {}{})", table.name(), n,
        options.topics(), options.bootstrapServers(), options.groupId(), mode.optionValue,
        options.resume() ? ", resuming" : "");
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted while opening a Kafka source", e);
    }
  }

  @Override
  public int splitCount() {
    return partitions.size();
  }

  @Override
  public boolean isBounded() {
    return options.bounded();
  }

  /** Pauses every partition still being read; {@link #poll} keeps the consumer alive. */
  @Override
  public boolean pause() {
    if (!backpressured && consumer != null) {
      consumer.pause(readable());
      backpressured = true;
    }
    return true;
  }

  @Override
  public void resume() {
    if (backpressured && consumer != null) {
      consumer.resume(readable());
      backpressured = false;
    }
  }

  /** The partitions not finished (bounded mode pauses finished ones for good). */
  private List<TopicPartition> readable() {
    List<TopicPartition> out = new ArrayList<>();
    for (int i = 0; i < partitions.size(); i++) {
      if (done == null || !done[i]) {
        out.add(partitions.get(i));
      }
    }
    return out;
  }

  @Override
  public boolean poll(SourceRecords out, int maxRecords, long timeoutMillis) {
    if (backpressured) {
      // Every partition is paused: the poll returns no record but counts as the consumer's
      // sign of life (max.poll.interval.ms), and fetched records wait for the resume.
      ConsumerRecords<byte[], byte[]> none;
      try {
        none = consumer.poll(Duration.ofMillis(Math.max(0, timeoutMillis)));
      } catch (KafkaException e) {
        throw WeirException.external("table '" + table.name() + "': polling " + options.topics()
            + " from " + options.bootstrapServers() + " failed: " + e.getMessage(), e);
      }
      if (!none.isEmpty()) {
        throw WeirException.internal("a paused Kafka consumer returned " + none.count()
            + " records", null);
      }
      updateLag(false);
      return !(options.bounded() && remaining == 0 && batchLeft == 0);
    }
    if (options.bounded() && remaining == 0 && batchLeft == 0) {
      updateLag(true);
      return false;
    }
    if (batchLeft == 0) {
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = consumer.poll(Duration.ofMillis(Math.max(0, timeoutMillis)));
      } catch (WeirException e) {
        throw e;
      } catch (KafkaException e) {
        throw WeirException.external("table '" + table.name() + "': reading " + options.topics() + " from "
            + options.bootstrapServers() + " failed: " + e.getMessage(), e);
      }
      startBatch(records);
    }
    int handedNow = 0;
    while (handedNow < maxRecords && batchLeft > 0) {
      if (batchIndex == batchRecords.size()) {
        nextPartition();
        continue;
      }
      ConsumerRecord<byte[], byte[]> r = batchRecords.get(batchIndex++);
      batchLeft--;
      int split = batchSplit;
      if (options.bounded() && r.offset() >= stop[split]) {
        continue; // past the end seen at open
      }
      handed[split] = r.offset() + 1;
      handedEpoch[split] = r.leaderEpoch().orElse(null);
      dirty[split] = true;
      byte[] value = r.value();
      if (value == null) {
        continue; // a tombstone carries no row
      }
      handedNow++;
      Object[] row;
      try {
        row = decoder.decode(value, 0, value.length);
      } catch (MalformedRecordException e) {
        out.malformed(split, value, e.getMessage(),
            "topic=" + r.topic() + " partition=" + r.partition() + " offset=" + r.offset(), metadata(r));
        continue;
      }
      if (row != null) {
        out.row(split, row, value);
      }
    }
    if (options.bounded()) {
      checkDone();
    }
    updateLag(false);
    return !(options.bounded() && remaining == 0 && batchLeft == 0);
  }

  private void startBatch(ConsumerRecords<byte[], byte[]> records) {
    batch = records;
    batchLeft = records.count();
    batchPartitions = new ArrayList<>(records.partitions());
    batchPartition = -1;
    batchRecords = List.of();
    batchIndex = 0;
    if (batchLeft > 0) {
      nextPartition();
    }
  }

  private void nextPartition() {
    batchPartition++;
    TopicPartition tp = batchPartitions.get(batchPartition);
    batchRecords = batch.records(tp);
    batchIndex = 0;
    batchSplit = splitOf.get(tp);
  }

  /** Marks partitions whose end (seen at open) is behind what was handed over. */
  private void checkDone() {
    List<TopicPartition> finished = new ArrayList<>();
    for (int i = 0; i < done.length; i++) {
      if (done[i]) {
        continue;
      }
      TopicPartition tp = partitions.get(i);
      // Transaction markers and compaction leave gaps: once everything fetched was handed over,
      // the consumer's position may pass the end with no record at end - 1.
      if (handed[i] >= stop[i] || (batchLeft == 0 && consumer.position(tp, apiTimeout) >= stop[i])) {
        done[i] = true;
        finished.add(tp);
        remaining--;
      }
    }
    if (!finished.isEmpty()) {
      consumer.pause(finished);
    }
  }

  private static Map<String, String> metadata(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("topic", r.topic());
    m.put("partition", Integer.toString(r.partition()));
    m.put("offset", Long.toString(r.offset()));
    m.put("timestamp", Long.toString(r.timestamp()));
    return m;
  }

  /** Consumer lag: records after what was handed over, from the last fetch's high watermarks. */
  private void updateLag(boolean force) {
    long now = System.nanoTime();
    if (!force && now < nextLagUpdate) {
      return;
    }
    nextLagUpdate = now + LAG_INTERVAL_NANOS;
    long lag = 0;
    boolean known = false;
    for (TopicPartition tp : partitions) {
      OptionalLong l = consumer.currentLag(tp);
      if (l.isPresent()) {
        lag += l.getAsLong();
        known = true;
      }
    }
    if (known) {
      context.metrics().consumerLag.set(lag + batchLeft);
    }
  }

  @Override
  public void commit() {
    if (consumer == null) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < handed.length; i++) {
      if (dirty[i]) {
        offsets.put(partitions.get(i), new OffsetAndMetadata(handed[i],
            java.util.Optional.ofNullable(handedEpoch[i]), ""));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, apiTimeout);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw WeirException.external("table '" + table.name() + "': committing offsets of group '"
          + options.groupId() + "' to " + options.bootstrapServers() + " timed out after "
          + apiTimeout.toMillis() + " ms", e);
    } catch (KafkaException e) {
      throw WeirException.external("table '" + table.name() + "': committing offsets of group '"
          + options.groupId() + "' failed: " + e.getMessage(), e);
    }
    for (TopicPartition tp : offsets.keySet()) {
      dirty[splitOf.get(tp)] = false;
    }
  }

  /**
   * The position after the last record handed over, for every partition whose position moved
   * since the last commit: what a transaction commits with {@code sendOffsetsToTransaction}.
   */
  Map<TopicPartition, OffsetAndMetadata> uncommittedOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    if (consumer == null) {
      return offsets;
    }
    for (int i = 0; i < handed.length; i++) {
      if (dirty[i]) {
        offsets.put(partitions.get(i), new OffsetAndMetadata(handed[i],
            java.util.Optional.ofNullable(handedEpoch[i]), ""));
      }
    }
    return offsets;
  }

  /** Records that {@code offsets} (from {@link #uncommittedOffsets}) were committed. */
  void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
      int split = splitOf.get(e.getKey());
      if (handed[split] == e.getValue().offset()) {
        dirty[split] = false;
      }
    }
  }

  /** The consumer group whose offsets this reader commits and resumes from. */
  String groupId() {
    return options.groupId();
  }

  String tableName() {
    return table.name();
  }

  /** The partitions read, in split order (split {@code i} is element {@code i}). */
  List<TopicPartition> partitions() {
    return partitions;
  }

  @Override
  public void close() {
    if (consumer != null) {
      try {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (KafkaException e) {
        LOG.warn("table '{}': closing the Kafka consumer failed", table.name(), e);
      }
      consumer = null;
    }
  }
}
