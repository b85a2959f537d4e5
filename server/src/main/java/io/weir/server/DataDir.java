package io.weir.server;

import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The files of a server's data directory, and where the CLI finds them:
 *
 * <pre>
 * token           the bearer token (mode 0600), generated at first start unless WEIR_TOKEN is set
 * endpoint        the URL of the server running on this directory (removed at a clean stop)
 * commands.json   the command log: tables, views and persistent queries
 * engine/         query state
 * kafka/          the embedded broker's data
 * kafka.port      the embedded broker's port, reused at the next start
 * </pre>
 *
 * <p>Stateless; safe from any thread.
 */
public final class DataDir {
  public static final String TOKEN = "token";
  public static final String ENDPOINT = "endpoint";
  public static final String COMMAND_LOG = "commands.json";
  public static final String ENGINE = "engine";
  public static final String KAFKA = "kafka";
  public static final String KAFKA_PORT = "kafka.port";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private DataDir() {}

  /** The default data directory: {@code $WEIR_DATA_DIR}, else {@code ~/.weir}. */
  public static Path defaultDir() {
    String env = System.getenv("WEIR_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".weir");
  }

  /**
   * The token in {@code dir/token}; when the file does not exist, a new random token (256 bits,
   * URL-safe Base64) is written there with mode 0600 first.
   */
  public static String loadOrCreateToken(Path dir) {
    Path file = dir.resolve(TOKEN);
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
          throw WeirException.user("the token file " + file + " is empty; delete it to get a new token");
        }
        return token;
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      writeAtomically(file, token + "\n", true);
      return token;
    } catch (IOException e) {
      throw WeirException.external("cannot read or write the token file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The token in {@code dir/token}, or null when there is none. */
  public static String readToken(Path dir) {
    Path file = dir.resolve(TOKEN);
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      throw WeirException.user("cannot read the token file " + file + ": " + e.getMessage());
    }
  }

  /** The URL of the server running on {@code dir}, or null. */
  public static String readEndpoint(Path dir) {
    Path file = dir.resolve(ENDPOINT);
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes {@code text} to {@code file} through a temporary file and an atomic rename. */
  static void writeAtomically(Path file, String text, boolean ownerOnly) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
