package io.weir.engine.connectors.kafka;

import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) running inside
 * this JVM, with its data under one directory. The server starts one when no Kafka is configured;
 * tests start one per test class.
 *
 * <p>It is assembled the way {@code kafka.server.KafkaRaftServer} assembles itself (one {@link
 * SharedServer}, a {@link ControllerServer}, a {@link BrokerServer}), with two differences: a
 * fatal broker fault is logged and remembered ({@link #fatalFault()}) instead of halting the JVM,
 * and the listening sockets are bound before the broker is configured, so a free port is taken
 * without a race and the broker's address is known up front.
 *
 * <p>The broker is configured for one node: every internal topic has one replica and a min ISR
 * of 1, transactions work, groups rebalance without delay, topics are created on first use with
 * one partition, and nothing is ever deleted by retention ({@code log.retention.ms=-1}: replayed
 * events carry old timestamps). It listens on 127.0.0.1 only.
 *
 * <p><b>Call order and threading.</b> {@link #start(Path)} (or {@link #start(Path, int)}), then
 * any number of {@link #bootstrapServers()} and {@link #createTopic} calls from any thread, then
 * {@link #close()} once. Starting again on the same directory after {@link #close()} keeps every
 * topic, record and committed offset; pass the old port to let running clients reconnect.
 *
 * <p><b>Failures.</b> A directory that cannot be written or a port that is taken: an external
 * {@link WeirException} naming it. Startup is bounded (60 s).
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final long STARTUP_TIMEOUT_MS = 60_000;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final int port;
  private final Map<String, ServerSocketChannel> prebound;
  private final AtomicReference<String> fatalFault = new AtomicReference<>();
  private Metrics metrics;
  private SharedServer shared;
  private ControllerServer controller;
  private BrokerServer broker;
  private volatile Admin admin;
  private volatile boolean closed;

  private EmbeddedKafka(Path dataDir, int port, Map<String, ServerSocketChannel> prebound) {
    this.dataDir = dataDir;
    this.port = port;
    this.prebound = prebound;
  }

  /** Starts a broker on a free port with its data under {@code dataDir} (created if missing). */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, 0);
  }

  /**
   * Starts a broker on {@code port} (0: any free port) with its data under {@code dataDir}. An
   * existing directory is reused: topics, records and committed offsets survive a restart.
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    if (port < 0 || port > 65535) {
      throw WeirException.user("embedded Kafka port must be between 0 and 65535, got " + port);
    }
    Path dir = dataDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw WeirException.external("cannot create the embedded Kafka data directory " + dir, e);
    }
    Map<String, ServerSocketChannel> sockets = new HashMap<>();
    try {
      sockets.put(BROKER_LISTENER, bind(BROKER_LISTENER, port));
      sockets.put(CONTROLLER_LISTENER, bind(CONTROLLER_LISTENER, 0));
    } catch (WeirException e) {
      sockets.values().forEach(EmbeddedKafka::closeChannel);
      throw e;
    }
    int brokerPort = sockets.get(BROKER_LISTENER).socket().getLocalPort();
    EmbeddedKafka kafka = new EmbeddedKafka(dir, brokerPort, sockets);
    try {
      kafka.startServers();
    } catch (RuntimeException e) {
      kafka.close();
      if (e instanceof WeirException w) {
        throw w;
      }
      throw WeirException.external("the embedded Kafka broker in " + dir + " failed to start: " + e, e);
    }
    return kafka;
  }

  private static ServerSocketChannel bind(String listener, int port) {
    try {
      return ServerSocketFactory.INSTANCE.openServerSocket(
          listener, new InetSocketAddress(HOST, port), -1, -1);
    } catch (IOException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw WeirException.external("embedded Kafka cannot listen on " + HOST + ":" + port + " ("
          + listener + "): " + cause.getMessage(), e);
    }
  }

  private void startServers() {
    long t0 = System.nanoTime();
    int controllerPort = prebound.get(CONTROLLER_LISTENER).socket().getLocalPort();
    Properties props = brokerConfig(dataDir, port, controllerPort);
    KafkaConfig config = new KafkaConfig(props, false);
    formatIfNeeded(config);

    scala.Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
        KafkaRaftServer.initializeLogDirs(config, LOG, "[EmbeddedKafka] ");
    String clusterId = dirs._1().clusterId().orElseThrow();
    metrics = kafka.server.Server.initializeMetrics(config, Time.SYSTEM, clusterId);
    shared = new SharedServer(
        config,
        dirs._1(),
        Time.SYSTEM,
        metrics,
        CompletableFuture.completedFuture(
            QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
        QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
        new QuietFaultHandlerFactory(),
        this::openServerSocket);
    controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
    broker = new BrokerServer(shared);
    controller.startup();
    broker.startup();
    LOG.info("embedded Kafka started at {} in {} ms (data: {})", bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir);
  }

  private ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address,
      int backlog, int recvBufferSize) throws IOException {
    synchronized (prebound) {
      ServerSocketChannel channel = prebound.remove(listenerName);
      if (channel != null && channel.isOpen()) {
        return channel;
      }
    }
    return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, backlog, recvBufferSize);
  }

  private static void formatIfNeeded(KafkaConfig config) {
    String dir = config.metadataLogDir();
    if (Files.exists(Path.of(dir, MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dir)
          .addDirectory(dir)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw WeirException.external("cannot format the embedded Kafka data directory " + dir + ": " + e, e);
    }
  }

  /** The broker configuration: one node, one replica, nothing deleted, modest memory. */
  static Properties brokerConfig(Path dataDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
        + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    p.put("log.dirs", dataDir.toString());
    p.put("metadata.log.dir", dataDir.toString());
    p.put("server.max.startup.time.ms", Long.toString(STARTUP_TIMEOUT_MS));
    // One node: one replica everywhere.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // Topics on first use, one partition; nothing is deleted by age or size.
    p.put("auto.create.topics.enable", "true");
    p.put("num.partitions", "1");
    p.put("log.retention.ms", "-1");
    p.put("log.retention.bytes", "-1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Modest memory and threads: it shares a JVM (and two cores) with the engine.
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("group.coordinator.num.threads", "1");
    p.put("share.coordinator.threads", "1");
    return p;
  }

  /** {@code host:port} for the {@code bootstrap.servers} client option. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The port clients connect to; pass it to {@link #start(Path, int)} to restart on it. */
  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The first fatal fault the broker reported (it then stops serving), or null. */
  public String fatalFault() {
    return fatalFault.get();
  }

  /**
   * Creates a topic with {@code partitions} partitions, one replica and {@code retention.ms=-1},
   * and waits until every partition has a leader. Does nothing when the topic exists (whatever
   * its partition count).
   */
  public void createTopic(String name, int partitions) {
    if (partitions < 1) {
      throw WeirException.user("topic '" + name + "' needs at least one partition, got " + partitions);
    }
    Admin a = admin();
    NewTopic topic = new NewTopic(name, partitions, (short) 1)
        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
    try {
      a.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw WeirException.external("cannot create topic '" + name + "' on " + bootstrapServers()
            + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw WeirException.external("creating topic '" + name + "' on " + bootstrapServers() + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted while creating topic '" + name + "'", e);
    }
    awaitLeaders(a, name);
  }

  private void awaitLeaders(Admin a, String name) {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        TopicDescription d = a.describeTopics(List.of(name)).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw WeirException.external("cannot describe topic '" + name + "': " + e.getCause().getMessage(),
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw WeirException.external("describing topic '" + name + "' timed out", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WeirException.external("interrupted while waiting for topic '" + name + "'", e);
      }
      if (System.nanoTime() > deadline) {
        throw WeirException.external("topic '" + name + "' has no leader after " + ADMIN_TIMEOUT.toSeconds() + " s", null);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WeirException.external("interrupted while waiting for topic '" + name + "'", e);
      }
    }
  }

  private Admin admin() {
    Admin a = admin;
    if (a == null) {
      synchronized (this) {
        if (closed) {
          throw WeirException.internal("embedded Kafka at " + bootstrapServers() + " is closed", null);
        }
        if (admin == null) {
          Map<String, Object> conf = new HashMap<>();
          conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
          conf.put(AdminClientConfig.CLIENT_ID_CONFIG, "weir-embedded-admin");
          conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
          admin = Admin.create(conf);
        }
        a = admin;
      }
    }
    return a;
  }

  /** Stops the broker and the controller and releases the port; the data stays. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    RuntimeException failure = null;
    if (admin != null) {
      admin.close(Duration.ZERO);
      admin = null;
    }
    if (broker != null) {
      try {
        broker.shutdown(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (controller != null) {
      try {
        controller.shutdown();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (metrics != null) {
      metrics.close();
    }
    synchronized (prebound) {
      prebound.values().forEach(EmbeddedKafka::closeChannel);
      prebound.clear();
    }
    LOG.info("embedded Kafka at {} stopped in {} ms", bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    if (failure != null) {
      throw WeirException.external("the embedded Kafka broker did not stop cleanly: " + failure, failure);
    }
  }

  private static void closeChannel(ServerSocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.warn("cannot close a listening socket of the embedded Kafka broker", e);
    }
  }

  /**
   * Fault handlers that log instead of halting the JVM: the embedded broker shares the process
   * with the engine, which reports the fault rather than dying with it.
   */
  private final class QuietFaultHandlerFactory implements FaultHandlerFactory {
    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
      if (!fatal) {
        return new LoggingFaultHandler(name, action);
      }
      return (message, cause) -> {
        String text = name + ": " + message + (cause == null ? "" : " (" + cause + ")");
        LOG.error("embedded Kafka fatal fault: {}", text, cause);
        fatalFault.compareAndSet(null, text);
        if (action != null) {
          action.run();
        }
        return new FaultHandlerException(message, cause);
      };
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }
}
