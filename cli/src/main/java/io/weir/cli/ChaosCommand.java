package io.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.errors.WeirException;
import io.weir.server.api.QueryInfo;
import io.weir.server.api.StatementOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir chaos}: the fault-injection harness. A seeded generator ({@link ChaosWorkload})
 * writes keyed, sequenced events with out-of-order times into Kafka; a {@code weir server} child
 * process runs a HOP(2 s, 10 s) aggregation from Kafka to Kafka in exactly-once mode; the harness
 * kills the server with SIGKILL at {@code --kills} moments spread over the run — every other one
 * inside the commit path (the query pauses inside each commit between sending its offsets and
 * committing, see {@code weir.chaos.commit-pause}, and the harness kills it there) — and starts
 * it again each time. Then it stops the server cleanly, reads the output with {@code
 * read_committed}, checks that no transaction is left open, and compares every (key, window) with
 * the oracle. Its last line is {@code lost=<n> duplicated=<n> wrong=<n>}; the exit code is 0 when
 * all three are 0 and no transaction is open.
 *
 * <p>The broker runs in this process (or is given with {@code --kafka}), so killing the server
 * does not kill the broker.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Fault injection: kill -9 the server during an exactly-once HOP(2 s, 10 s) "
        + "aggregation from Kafka to Kafka, restart it, and check every window against an oracle.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "100000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--kills", defaultValue = "3", description = "SIGKILLs of the server (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--seed", description = "Seed of the generator and of the kill moments (default: random).")
  Long seed;

  @Option(names = "--keys", defaultValue = "50", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--rate", defaultValue = "10000",
      description = "Events per second the generator writes, so that the kills hit a running stream "
          + "(default: ${DEFAULT-VALUE}; 0: as fast as it can).")
  int rate;

  @Option(names = "--guarantee", defaultValue = "exactly_once",
      description = "The query's processing.guarantee: exactly_once or at_least_once (default: ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(names = "--wipe-state", description = "Delete the query's local state directory before every restart.")
  boolean wipeState;

  @Option(names = "--commit-pause", defaultValue = "20",
      description = "Milliseconds the query pauses inside each commit (default: ${DEFAULT-VALUE}).")
  long commitPauseMillis;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "An external broker (default: one in this process).")
  String kafka;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the server's data and logs go (default: a temporary directory, deleted afterwards).")
  Path workDir;

  @Option(names = "--server-heap", defaultValue = "1g", description = "The server's -Xmx (default: ${DEFAULT-VALUE}).")
  String serverHeap;

  @Option(names = "--timeout", defaultValue = "600",
      description = "Seconds to wait for the output to be complete (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private PrintWriter out;
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (events < 1 || kills < 0 || keys < 1 || partitions < 1) {
      spec.commandLine().getErr().println("weir chaos: --events, --keys and --partitions must be "
          + "positive and --kills at least 0");
      return 2;
    }
    long theSeed = seed != null ? seed : new SplittableRandom().nextLong();
    boolean tempDir = workDir == null;
    Path work = tempDir ? Files.createTempDirectory("weir-chaos-") : workDir;
    EmbeddedKafka broker = null;
    try {
      String bootstrap = kafka;
      if (bootstrap == null) {
        quietKafkaLogs();
        broker = EmbeddedKafka.start(work.resolve("kafka"));
        bootstrap = broker.bootstrapServers();
      }
      return run(theSeed, work, bootstrap) ? 0 : 1;
    } catch (WeirException | WeirClientException | IOException e) {
      spec.commandLine().getErr().println("weir chaos: " + e);
      return 1;
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (tempDir) {
        deleteRecursively(work);
      }
    }
  }

  /** The broker in this process logs its shutdown noise at WARN; the harness's output is its report. */
  private static void quietKafkaLogs() {
    for (String name : List.of("org.apache.kafka", "kafka")) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
        l.setLevel(ch.qos.logback.classic.Level.ERROR);
      }
    }
  }

  private long started = System.nanoTime();

  private void say(String line) {
    out.printf("chaos: [%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
    out.flush();
  }

  private boolean run(long theSeed, Path work, String bootstrap) throws Exception {
    long t0 = System.nanoTime();
    started = t0;
    ChaosWorkload load = new ChaosWorkload(theSeed, events, keys, partitions);
    SplittableRandom rnd = new SplittableRandom(theSeed ^ 0x5DEECE66DL);
    String run = Long.toHexString(theSeed & 0xFFFFFFFFL) + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
    String inTopic = "chaos-" + run + "-in";
    String outTopic = "chaos-" + run + "-out";
    say("seed=" + theSeed + " events=" + events + " keys=" + keys + " partitions=" + partitions
        + " kills=" + kills + " guarantee=" + guarantee + " rate=" + (rate > 0 ? rate + "/s" : "max")
        + (wipeState ? " wipe-state" : ""));
    createTopics(bootstrap, inTopic, outTopic);
    warmUp(bootstrap, inTopic);
    Map<ChaosWorkload.Window, ChaosWorkload.Aggregate> oracle = load.oracle();
    say("oracle: " + oracle.size() + " windows");

    AtomicReference<Exception> produceError = new AtomicReference<>();
    AtomicLong acked = new AtomicLong();
    Thread producer = new Thread(() -> produce(bootstrap, inTopic, load, rate, acked, produceError),
        "chaos-producer");
    producer.setDaemon(true);

    Path data = work.resolve("server");
    int runs = 1;
    ChaosServer server = ChaosServer.start(data, bootstrap, serverHeap, work.resolve("server-1.log"));
    int inCommit = 0;
    try {
      WeirClient client = server.awaitReady(Duration.ofSeconds(120));
      String queryId = submit(client, inTopic, outTopic);
      say("submitted " + queryId);
      awaitProgress(client, queryId, 0, Duration.ofSeconds(120));
      say("query " + queryId + " runs on " + client.base() + "; the generator starts");
      producer.start(); // the stream flows while the server dies
      double[] moments = new double[kills];
      for (int k = 0; k < kills; k++) {
        moments[k] = 0.05 + 0.85 * rnd.nextDouble();
      }
      Arrays.sort(moments);
      for (int k = 0; k < kills; k++) {
        long target = (long) (moments[k] * load.records());
        long rowsIn = awaitProgress(client, queryId, target, Duration.ofSeconds(timeoutSeconds));
        boolean commitPath = k % 2 == 0 && commitPauseMillis > 0;
        if (commitPath) {
          server.armCommitKill();
          commitPath = server.awaitCommitKill(Duration.ofSeconds(10));
        }
        if (!commitPath) {
          Thread.sleep(rnd.nextInt(500));
          server.kill();
        } else {
          inCommit++;
        }
        say("kill " + (k + 1) + "/" + kills + " (SIGKILL " + (commitPath ? "inside the commit path"
            : "at a random moment") + ") at " + elapsed(t0) + " s: the query had read " + rowsIn
            + " of " + load.records() + " records, the generator had written " + acked.get());
        if (wipeState) {
          deleteRecursively(data.resolve("engine").resolve("queries").resolve(queryId));
        }
        runs++;
        server = ChaosServer.start(data, bootstrap, serverHeap, work.resolve("server-" + runs + ".log"));
        client = server.awaitReady(Duration.ofSeconds(120));
      }
      producer.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
      if (produceError.get() != null) {
        throw new IOException("producing the events failed: " + produceError.get(), produceError.get());
      }
      awaitOutput(bootstrap, outTopic, oracle.size(), Duration.ofSeconds(timeoutSeconds));
      // The last server has restored the state and caught up with the input.
      awaitProgress(client, queryId, load.records(), Duration.ofSeconds(timeoutSeconds));
      QueryInfo info = client.query(queryId);
      say("query " + queryId + ": " + info.state() + ", " + info.processingGuarantee()
          + ", commit interval " + info.commitIntervalMs() + " ms, rows in "
          + (info.metrics() == null ? "?" : info.metrics().rowsIn()) + ", late rows "
          + (info.metrics() == null ? "?" : info.metrics().lateRows()) + ", last restore "
          + info.restoredRecords() + " records in " + info.restoreMs() + " ms");
      if (!server.stopGracefully(Duration.ofSeconds(60))) {
        say("the server did not stop within 60 s after SIGTERM; killed");
      }
    } finally {
      server.close();
    }

    List<ConsumerRecord<byte[], byte[]>> output = readAll(bootstrap, outTopic);
    int open = openTransactions(bootstrap, outTopic);
    Map<ChaosWorkload.Window, List<JsonNode>> seen = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : output) {
      JsonNode row = json.readTree(r.value());
      ChaosWorkload.Window w = new ChaosWorkload.Window(row.get("k").asText(),
          Instant.parse(row.get("window_start").asText().replace(' ', 'T') + "Z").toEpochMilli());
      seen.computeIfAbsent(w, x -> new ArrayList<>()).add(row);
    }
    long lost = 0;
    long duplicated = 0;
    long wrong = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<ChaosWorkload.Window, ChaosWorkload.Aggregate> e : oracle.entrySet()) {
      List<JsonNode> rows = seen.get(e.getKey());
      ChaosWorkload.Aggregate a = e.getValue();
      if (rows == null) {
        lost++;
        example(examples, "lost " + e.getKey() + " expected " + a);
        continue;
      }
      if (rows.size() > 1) {
        duplicated++;
        example(examples, "duplicated " + e.getKey() + " " + rows.size() + " times");
      }
      JsonNode r = rows.get(0);
      if (r.get("cnt").asLong() != a.count() || r.get("total").asLong() != a.sum()
          || r.get("first_seq").asLong() != a.min() || r.get("last_seq").asLong() != a.max()) {
        wrong++;
        example(examples, "wrong " + e.getKey() + ": " + r + " expected " + a);
      }
    }
    for (ChaosWorkload.Window w : seen.keySet()) {
      if (!oracle.containsKey(w)) {
        wrong++;
        example(examples, "unexpected " + w + ": " + seen.get(w));
      }
    }
    examples.forEach(x -> say("  " + x));
    say("server runs=" + runs + " kills=" + kills + " (" + inCommit + " inside the commit path)"
        + " output records=" + output.size() + " windows=" + seen.size() + " expected=" + oracle.size()
        + " open transactions=" + open + " in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) + " s");
    out.println("lost=" + lost + " duplicated=" + duplicated + " wrong=" + wrong);
    out.flush();
    return lost == 0 && duplicated == 0 && wrong == 0 && open == 0;
  }

  private static long elapsed(long t0) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < 10) {
      examples.add(text);
    }
  }

  private String submit(WeirClient client, String inTopic, String outTopic) {
    String sql = """
        CREATE TABLE chaos_in (k STRING, seq BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
        WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json',
              'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE chaos_out (k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          cnt BIGINT, total BIGINT, first_seq BIGINT, last_seq BIGINT)
        WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json', 'key.fields' = 'k');
        INSERT INTO chaos_out
        SELECT k, window_start, window_end, COUNT(*), SUM(seq), MIN(seq), MAX(seq)
        FROM TABLE(HOP(TABLE chaos_in, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
        GROUP BY k, window_start, window_end;
        """.formatted(inTopic, outTopic);
    Map<String, String> props = new HashMap<>();
    props.put("processing.guarantee", guarantee);
    if (commitPauseMillis > 0) {
      props.put("weir.chaos.commit-pause", commitPauseMillis + " ms");
    }
    List<StatementOutcome> results = client.execute(sql, props).results();
    return results.get(results.size() - 1).queryId();
  }

  /**
   * Waits until the query runs (its state is restored) and has read {@code target} records (its
   * counters survive restarts), so that the kill hits a query at work.
   */
  private static long awaitProgress(WeirClient client, String queryId, long target, Duration timeout)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      QueryInfo q;
      try {
        q = client.query(queryId);
      } catch (WeirClientException e) {
        q = null; // restarting server: ask again
      }
      if (q != null && "FAILED".equals(q.state())) {
        throw new IOException("query " + queryId + " failed: " + q.error());
      }
      if (q != null && "RUNNING".equals(q.state()) && q.metrics() != null
          && q.metrics().rowsIn() >= target) {
        return q.metrics().rowsIn();
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("query " + queryId + " did not read " + target + " records within "
            + timeout.toSeconds() + " s");
      }
      Thread.sleep(20);
    }
  }

  private void createTopics(String bootstrap, String in, String out) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<String, String> keep = Map.of("retention.ms", "-1", "retention.bytes", "-1");
      admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1).configs(keep),
          new NewTopic(out, 1, (short) 1).configs(keep))).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw WeirException.external("cannot create the chaos topics on " + bootstrap + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted", e);
    }
  }

  /**
   * Makes a fresh broker create and load its internal topics (consumer offsets, transaction
   * state) before the query needs them: a commit of a throwaway group and one empty transaction.
   */
  private static void warmUp(String bootstrap, String topic) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "weir-chaos-warm-up");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)),
          Duration.ofSeconds(60));
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "chaos-warm-up");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.commitTransaction();
    }
  }

  private static void produce(String bootstrap, String topic, ChaosWorkload load, int rate,
      AtomicLong acked, AtomicReference<Exception> error) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < load.records(); i++) {
        if (rate > 0 && i % 100 == 0) {
          long due = t0 + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        producer.send(new ProducerRecord<>(topic, load.partition(i), load.key(i), load.json(i)),
            (md, e) -> {
              if (e != null) {
                error.compareAndSet(null, e);
              } else {
                acked.incrementAndGet();
              }
            });
      }
      producer.flush();
    } catch (RuntimeException e) {
      error.compareAndSet(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error.compareAndSet(null, e);
    }
  }

  private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Follows the output until it holds {@code windows} distinct (key, window) pairs. */
  private void awaitOutput(String bootstrap, String topic, int windows, Duration timeout)
      throws IOException {
    java.util.Set<String> distinct = new java.util.HashSet<>();
    try (KafkaConsumer<byte[], byte[]> c = committedReader(bootstrap)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastReport = System.nanoTime();
      while (distinct.size() < windows) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          JsonNode row = json.readTree(r.value());
          distinct.add(row.get("k").asText() + "|" + row.get("window_start").asText());
        }
        if (System.nanoTime() > deadline) {
          say("gave up waiting after " + timeout.toSeconds() + " s: " + distinct.size() + " of "
              + windows + " windows in the output");
          return;
        }
        if (distinct.size() < windows && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
          say("waiting for the output: " + distinct.size() + " of " + windows + " windows");
          lastReport = System.nanoTime();
        }
      }
    }
  }

  /** Every committed record of the output topic. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = committedReader(bootstrap)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (c.position(tp) < end && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Transactions of Weir queries that are still open (ongoing or being completed), and whether
   * the output's last stable offset lags its end (an open transaction on it); waits up to 10 s for
   * the coordinator to finish a commit that was just made.
   */
  private static int openTransactions(String bootstrap, String topic) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        int open = 0;
        for (TransactionListing t : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
          TransactionState s = t.state();
          if (t.transactionalId().startsWith("weir-") && (s == TransactionState.ONGOING
              || s == TransactionState.PREPARE_COMMIT || s == TransactionState.PREPARE_ABORT)) {
            open++;
          }
        }
        try (KafkaConsumer<byte[], byte[]> committed = committedReader(bootstrap)) {
          TopicPartition tp = new TopicPartition(topic, 0);
          long stable = committed.endOffsets(List.of(tp)).get(tp);
          Properties p = new Properties();
          p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
          try (KafkaConsumer<byte[], byte[]> all =
              new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (all.endOffsets(List.of(tp)).get(tp) > stable) {
              open = Math.max(open, 1);
            }
          }
        }
        if (open == 0 || System.nanoTime() > deadline) {
          return open;
        }
        Thread.sleep(200);
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw WeirException.external("cannot list the transactions on " + bootstrap + ": " + e, e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
