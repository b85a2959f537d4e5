package io.weir.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.weir.engine.Engine;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.errors.WeirException;
import io.weir.server.http.HttpServer;
import io.weir.server.store.CommandLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Weir server: the embedded Kafka broker (unless an external one is configured), the
 * engine, the durable command log and the HTTP listener of the REST API.
 *
 * <p><b>Call order.</b> {@link #start} (blocks until the server answers: broker up, command log
 * replayed, port bound), then any getters from any thread, then {@link #close()} once — also
 * from a shutdown hook (SIGTERM): it stops accepting requests, stops every query (each flushes
 * its sinks and commits its position), closes the connections and stops the broker.
 *
 * <p><b>Failures.</b> {@code start} throws a {@link WeirException}: user for bad options (a TLS
 * file that cannot be read), external for a port in use or a broker that does not start; what it
 * started so far is closed again.
 */
public final class WeirServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WeirServer.class);

  private final ServerOptions options;
  private final Path dataDir;
  private EmbeddedKafka embeddedKafka;
  private String kafkaBootstrap;
  private String token;
  private Path tokenFile;
  private Engine engine;
  private CommandLog log;
  private WeirService service;
  private HttpServer http;
  private ExecutorService background;
  private ScheduledExecutorService janitor;
  private URI url;
  private volatile boolean closed;

  private WeirServer(ServerOptions options) {
    this.options = options;
    this.dataDir = options.dataDir().toAbsolutePath();
  }

  /** Starts a server; see the class comment. */
  public static WeirServer start(ServerOptions options) {
    WeirServer server = new WeirServer(options);
    try {
      server.startAll();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void startAll() {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw WeirException.external("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    SslContext ssl = options.tls() ? sslContext(options.tlsCert(), options.tlsKey()) : null;
    EngineWarmup.start();
    if (options.token() != null && !options.token().isBlank()) {
      token = options.token().trim();
    } else {
      tokenFile = dataDir.resolve(DataDir.TOKEN);
      token = DataDir.loadOrCreateToken(dataDir);
    }
    if (options.kafkaBootstrap() == null || options.kafkaBootstrap().isBlank()) {
      embeddedKafka = startEmbeddedKafka();
      kafkaBootstrap = embeddedKafka.bootstrapServers();
    } else {
      kafkaBootstrap = options.kafkaBootstrap().trim();
    }
    Engine.Config defaults = Engine.Config.defaults(dataDir.resolve(DataDir.ENGINE));
    engine = new Engine(new Engine.Config(defaults.dataDirectory(), kafkaBootstrap,
        defaults.stdout(), options.resultBufferRows(), options.commitIntervalMillis(),
        defaults.idleTimeoutMillis(), defaults.batchSize()));
    log = CommandLog.open(dataDir.resolve(DataDir.COMMAND_LOG));
    background = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "weir-server-background");
      t.setDaemon(true);
      return t;
    });
    String scheme = options.tls() ? "https" : "http";
    service = new WeirService(engine, log, options, new ServerMetrics(), background,
        kafkaBootstrap, embeddedKafka != null);
    service.replay();
    http = HttpServer.start(service, options.host(), options.port(), token, ssl,
        options.maxBodyBytes());
    url = URI.create(scheme + "://" + hostForUrl(options.host()) + ":" + http.port());
    service.setUrl(url.toString());
    janitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "weir-server-janitor");
      t.setDaemon(true);
      return t;
    });
    janitor.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    try {
      DataDir.writeAtomically(dataDir.resolve(DataDir.ENDPOINT), url + "\n", false);
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", dataDir.resolve(DataDir.ENDPOINT), e.toString());
    }
    LOG.info("Weir server listening on {} (Kafka: {}{}; data: {}; started in {} ms)", url,
        kafkaBootstrap, embeddedKafka != null ? ", embedded" : "", dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  private void tick() {
    try {
      service.tick();
    } catch (RuntimeException e) {
      LOG.warn("server housekeeping failed", e);
    }
  }

  /** Starts the broker on the port it had last time, so clients that cached it reconnect. */
  private EmbeddedKafka startEmbeddedKafka() {
    Path portFile = dataDir.resolve(DataDir.KAFKA_PORT);
    int port = 0;
    try {
      if (Files.exists(portFile)) {
        port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("ignoring {}: {}", portFile, e.toString());
    }
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(dataDir.resolve(DataDir.KAFKA), port);
    } catch (WeirException e) {
      if (port == 0) {
        throw e;
      }
      LOG.warn("embedded Kafka cannot reuse port {} ({}); taking a free one", port, e.getMessage());
      kafka = EmbeddedKafka.start(dataDir.resolve(DataDir.KAFKA), 0);
    }
    try {
      DataDir.writeAtomically(portFile, kafka.port() + "\n", false);
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", portFile, e.toString());
    }
    return kafka;
  }

  private static SslContext sslContext(Path cert, Path key) {
    try {
      return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
    } catch (Exception e) {
      throw WeirException.user("cannot use the TLS certificate " + cert + " with the key " + key
          + " (PEM, the key in PKCS#8): " + e.getMessage());
    }
  }

  private static String hostForUrl(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8765}. */
  public URI url() {
    return url;
  }

  public int port() {
    return http.port();
  }

  /** The bearer token clients must send. */
  public String token() {
    return token;
  }

  /** Where the token was read or written, or null when it came from the options. */
  public Path tokenFile() {
    return tokenFile;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  /** The in-process broker, or null when the server uses an external one. */
  public EmbeddedKafka embeddedKafka() {
    return embeddedKafka;
  }

  public Engine engine() {
    return engine;
  }

  public WeirService service() {
    return service;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops everything in order (see the class comment). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    if (http != null) {
      http.stopAccepting();
    }
    if (janitor != null) {
      janitor.shutdownNow();
    }
    if (engine != null) {
      engine.close();
    }
    if (http != null) {
      http.close();
    }
    if (background != null) {
      background.shutdownNow();
    }
    if (embeddedKafka != null) {
      try {
        embeddedKafka.close();
      } catch (WeirException e) {
        LOG.warn("{}", e.toString());
      }
    }
    if (url != null) {
      try {
        String current = DataDir.readEndpoint(dataDir);
        if (url.toString().equals(current)) {
          Files.deleteIfExists(dataDir.resolve(DataDir.ENDPOINT));
        }
      } catch (IOException e) {
        LOG.warn("cannot remove {}: {}", dataDir.resolve(DataDir.ENDPOINT), e.toString());
      }
      LOG.info("Weir server at {} stopped in {} ms", url,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }
  }
}
