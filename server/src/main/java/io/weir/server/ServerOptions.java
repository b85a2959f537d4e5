package io.weir.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link WeirServer} runs.
 *
 * @param host the address to listen on ({@code 127.0.0.1} unless told otherwise)
 * @param port the HTTP port; 0 picks a free one
 * @param dataDir where the token, the command log, query state and the embedded broker live
 * @param kafkaBootstrap an external Kafka cluster; null starts the embedded broker
 * @param token the bearer token every route but {@code /healthz} requires; null reads (or, at
 *     first start, generates) {@code <dataDir>/token}
 * @param tlsCert a PEM certificate chain; with {@code tlsKey}, the server speaks HTTPS
 * @param tlsKey the PEM (PKCS#8) private key of {@code tlsCert}
 * @param maxBodyBytes the largest request body accepted (larger: 413)
 * @param resultBufferRows rows each {@code SELECT} keeps for its readers
 * @param resultIdleTimeoutMillis a running {@code SELECT} that nobody has read for this long is
 *     stopped
 * @param resultRetentionMillis an ended {@code SELECT} nobody reads is forgotten after this long
 * @param commitIntervalMillis how often queries commit their progress
 * @param startWaitMillis how long {@code POST /v1/statements} waits for a query it started to
 *     open its sources (a query that fails meanwhile, e.g. on an unreachable broker, turns the
 *     answer into that error); a query still opening then is answered as started
 */
public record ServerOptions(
    String host,
    int port,
    Path dataDir,
    String kafkaBootstrap,
    String token,
    Path tlsCert,
    Path tlsKey,
    int maxBodyBytes,
    int resultBufferRows,
    long resultIdleTimeoutMillis,
    long resultRetentionMillis,
    long commitIntervalMillis,
    long startWaitMillis) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key, got cert="
          + tlsCert + " key=" + tlsKey);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
    }
    if (resultBufferRows < 1) {
      throw new IllegalArgumentException("resultBufferRows must be at least 1, got " + resultBufferRows);
    }
  }

  /** Listens on 127.0.0.1:8765 with the embedded broker and a generated token. */
  public static ServerOptions defaults(Path dataDir) {
    return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, dataDir, null, null, null, null,
        1024 * 1024, 10_000, 60_000, 300_000, 1_000, 20_000);
  }

  public ServerOptions withHost(String h) {
    return new ServerOptions(h, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis,
        commitIntervalMillis, startWaitMillis);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(host, p, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis,
        commitIntervalMillis, startWaitMillis);
  }

  public ServerOptions withKafkaBootstrap(String bootstrap) {
    return new ServerOptions(host, port, dataDir, bootstrap, token, tlsCert, tlsKey, maxBodyBytes,
        resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withToken(String t) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, t, tlsCert, tlsKey, maxBodyBytes,
        resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withTls(Path cert, Path key) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, cert, key, maxBodyBytes,
        resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withMaxBodyBytes(int max) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey, max,
        resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withResultBufferRows(int rows) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, rows, resultIdleTimeoutMillis, resultRetentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withResultTimeouts(long idleMillis, long retentionMillis) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, resultBufferRows, idleMillis, retentionMillis, commitIntervalMillis,
        startWaitMillis);
  }

  public ServerOptions withCommitIntervalMillis(long millis) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis, millis,
        startWaitMillis);
  }

  public ServerOptions withStartWaitMillis(long millis) {
    return new ServerOptions(host, port, dataDir, kafkaBootstrap, token, tlsCert, tlsKey,
        maxBodyBytes, resultBufferRows, resultIdleTimeoutMillis, resultRetentionMillis,
        commitIntervalMillis, millis);
  }

  public boolean tls() {
    return tlsCert != null;
  }
}
