package io.weir.cli;

import io.weir.engine.errors.WeirException;
import io.weir.server.DataDir;
import io.weir.server.ServerOptions;
import io.weir.server.WeirServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir server}: runs the server until SIGTERM or Ctrl-C, which stop every query cleanly
 * (flushed, committed) before the process exits.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the Weir server: the REST API, persistent queries, embedded Kafka.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST,
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8765",
      description = "The HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Token, command log, query state, embedded Kafka (default: $WEIR_DATA_DIR, else ~/.weir).")
  Path dataDir;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
      description = "An external Kafka cluster (default: $WEIR_KAFKA_BOOTSTRAP, else an embedded broker under the data directory).")
  String kafka;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8 PEM).")
  Path tlsKey;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
      description = "The largest request body accepted (default: ${DEFAULT-VALUE}).")
  int maxBody;

  @Option(names = "--result-buffer", paramLabel = "ROWS", defaultValue = "10000",
      description = "Rows each SELECT keeps for its readers (default: ${DEFAULT-VALUE}).")
  int resultBuffer;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir != null ? dataDir : DataDir.defaultDir();
    String bootstrap = kafka != null ? kafka : System.getenv("WEIR_KAFKA_BOOTSTRAP");
    String token = System.getenv("WEIR_TOKEN");
    ServerOptions options;
    try {
      options = ServerOptions.defaults(dir).withHost(host).withPort(port)
          .withKafkaBootstrap(bootstrap).withToken(token).withTls(tlsCert, tlsKey)
          .withMaxBodyBytes(maxBody).withResultBufferRows(resultBuffer);
    } catch (IllegalArgumentException e) {
      err.println("weir server: " + e.getMessage());
      return 2;
    }
    WeirServer server;
    try {
      server = WeirServer.start(options);
    } catch (WeirException e) {
      err.println("weir server: " + e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "weir-server-shutdown"));
    out.println("Weir server listening on " + server.url());
    out.println("  Kafka:  " + server.kafkaBootstrap()
        + (server.embeddedKafka() != null ? " (embedded, data in " + dir.resolve(DataDir.KAFKA) + ")" : ""));
    out.println("  Token:  " + (server.tokenFile() != null ? "in " + server.tokenFile()
        : "from WEIR_TOKEN"));
    out.println("  Shell:  weir sql --server " + server.url()
        + (dataDir != null ? " --data-dir " + dataDir : ""));
    out.flush();
    stopped.await();
    return 0;
  }
}
