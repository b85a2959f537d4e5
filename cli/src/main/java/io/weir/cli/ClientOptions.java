package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.engine.errors.WeirException;
import io.weir.server.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Option;

/**
 * How a CLI command finds its server and token (a picocli mixin). The server: {@code --server},
 * else {@code $WEIR_SERVER}, else the URL a server running on the data directory wrote to {@code
 * <data-dir>/endpoint}, else {@code http://127.0.0.1:8765}. The token: {@code --token-file}, else
 * {@code $WEIR_TOKEN}, else {@code <data-dir>/token}. The data directory: {@code --data-dir},
 * else {@code $WEIR_DATA_DIR}, else {@code ~/.weir}.
 */
final class ClientOptions {
  @Option(names = "--server", paramLabel = "URL",
      description = "The Weir server (default: $WEIR_SERVER, else the server on --data-dir, else http://127.0.0.1:8765).")
  String server;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The server's data directory, where its token is (default: $WEIR_DATA_DIR, else ~/.weir).")
  Path dataDir;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding the bearer token (default: $WEIR_TOKEN, else <data-dir>/token).")
  Path tokenFile;

  @Option(names = "--cacert", paramLabel = "PEM",
      description = "Trust this CA or self-signed certificate for an https server.")
  Path caCert;

  Path dataDir() {
    return dataDir != null ? dataDir : DataDir.defaultDir();
  }

  URI serverUrl() {
    String s = server;
    if (s == null || s.isBlank()) {
      s = System.getenv("WEIR_SERVER");
    }
    if (s == null || s.isBlank()) {
      s = DataDir.readEndpoint(dataDir());
    }
    if (s == null || s.isBlank()) {
      s = "http://127.0.0.1:8765";
    }
    try {
      URI uri = URI.create(s.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw WeirException.user("--server must be a URL such as http://127.0.0.1:8765, got '" + s + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw WeirException.user("--server must be a URL such as http://127.0.0.1:8765, got '" + s + "'");
    }
  }

  String token() {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile).trim();
      } catch (IOException e) {
        throw WeirException.user("cannot read the token file " + tokenFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv("WEIR_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    return DataDir.readToken(dataDir());
  }

  WeirClient connect() {
    return new WeirClient(serverUrl(), token(), caCert == null ? null : trusting(caCert));
  }

  /** A TLS context that trusts the certificates in a PEM file. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("weir-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw WeirException.user("cannot use --cacert " + pem + ": " + e.getMessage());
    }
  }
}
