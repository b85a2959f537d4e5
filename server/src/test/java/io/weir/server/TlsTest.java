package io.weir.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with {@code --tls-cert}/{@code --tls-key}: a self-signed certificate made with openssl
 * for 127.0.0.1; the server names an external Kafka it never needs to reach here.
 */
class TlsTest {
  @TempDir
  Path dir;

  @Test
  void servesHttpsWithAPemCertificateAndKey() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process p;
    try {
      p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
          "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
          "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("openssl is not installed: " + e.getMessage());
      return;
    }
    String opensslOut = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), opensslOut);
    try (WeirServer server = WeirServer.start(ServerOptions.defaults(dir.resolve("data"))
        .withPort(0).withKafkaBootstrap("127.0.0.1:1").withToken("tls-test-token")
        .withTls(cert, key))) {
      assertEquals("https", server.url().getScheme());
      TestHttp https = new TestHttp(server.url(), "tls-test-token", trusting(cert));
      HttpResponse<String> info = https.get("/v1/info");
      assertEquals(200, info.statusCode(), info.body());
      assertTrue(TestHttp.json(info).get("tls").asBoolean());
      assertEquals(401, new TestHttp(server.url(), "wrong", trusting(cert)).get("/v1/info").statusCode());
      assertTrue(Files.notExists(dir.resolve("data").resolve(DataDir.TOKEN)),
          "a token given by the operator is not written to disk");

      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      URI http = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
      assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(http)
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("c" + store.size(), c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
