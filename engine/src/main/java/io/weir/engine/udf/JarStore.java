package io.weir.engine.udf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Uploaded jars, stored by content: {@code <dir>/blobs/<sha256>.jar}, and an index from each
 * name (a label, never a path) to its current version, in {@code <dir>/index.json}. Uploads
 * stream into {@code <dir>/incoming/} under a random name, are checked (size, a readable zip
 * whose entries stay inside it), hashed while they are written, and moved into place. Nothing is
 * ever written outside {@code dir}.
 *
 * <p><b>Names</b>: 1 to 100 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or
 * digit. A reference {@code name@<sha256>} names one version exactly.
 *
 * <p><b>Threading.</b> Thread-safe: index changes are synchronized; an {@link Upload} belongs to
 * one thread at a time. <b>Failures.</b> A bad name, an over-size or unreadable body: a user
 * {@link WeirException} saying why; a disk failure: an external one.
 */
public final class JarStore {
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path blobs;
  private final Path incoming;
  private final Path indexFile;
  private final Map<String, JarInfo> index = new TreeMap<>();

  private JarStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.blobs = this.dir.resolve("blobs");
    this.incoming = this.dir.resolve("incoming");
    this.indexFile = this.dir.resolve("index.json");
  }

  /** Opens (creating) the store in {@code dir}; leftovers of interrupted uploads are removed. */
  public static JarStore open(Path dir) {
    JarStore s = new JarStore(dir);
    try {
      Files.createDirectories(s.blobs);
      Files.createDirectories(s.incoming);
      try (Stream<Path> leftovers = Files.list(s.incoming)) {
        for (Path p : leftovers.toList()) {
          Files.deleteIfExists(p);
        }
      }
      if (Files.exists(s.indexFile)) {
        Map<String, JarInfo> read = JSON.readValue(s.indexFile.toFile(),
            new TypeReference<Map<String, JarInfo>>() {});
        for (JarInfo j : read.values()) {
          if (Files.exists(s.blob(j.sha256()))) {
            s.index.put(j.name(), j);
          }
        }
      }
    } catch (IOException e) {
      throw WeirException.external("cannot open the jar store " + s.dir + ": " + e.getMessage(), e);
    }
    return s;
  }

  public Path directory() {
    return dir;
  }

  /** Checks a jar name; the message says what is allowed. */
  public static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw WeirException.user("a jar needs a name: 1 to 100 characters of letters, digits, '.', "
          + "'_' and '-', starting with a letter or digit");
    }
    if (!NAME.matcher(name).matches()) {
      String shown = name.length() > 60 ? name.substring(0, 60) + "…(" + name.length() + " chars)" : name;
      throw WeirException.user("jar name '" + shown.replace("\0", "\\0") + "' is not allowed: a "
          + "name is a label, not a path — 1 to 100 characters of letters, digits, '.', '_' and "
          + "'-', starting with a letter or digit");
    }
  }

  /** Starts an upload under {@code name}, at most {@code maxBytes} long. */
  public Upload begin(String name, long maxBytes) {
    checkName(name);
    Path tmp = incoming.resolve(UUID.randomUUID() + ".part");
    try {
      return new Upload(name, tmp, maxBytes);
    } catch (IOException e) {
      throw WeirException.external("cannot write to the jar store " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Stores a whole stream as {@code name} (see {@link Upload}). */
  public JarInfo put(String name, InputStream in, long maxBytes) {
    Upload u = begin(name, maxBytes);
    try {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        u.write(ByteBuffer.wrap(buf, 0, n));
      }
      return u.commit();
    } catch (IOException e) {
      u.abort();
      throw WeirException.external("cannot read the jar being stored: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      u.abort();
      throw e;
    }
  }

  /** The current version of every name, by name. */
  public synchronized List<JarInfo> list() {
    return new ArrayList<>(index.values());
  }

  /** The current version of {@code name}, or null. */
  public synchronized JarInfo get(String name) {
    return index.get(name);
  }

  /**
   * The version a reference names: {@code name} (its current version) or {@code name@sha256}
   * (that version, which must still be stored).
   */
  public synchronized JarInfo resolve(String ref) {
    int at = ref.indexOf('@');
    String name = at < 0 ? ref : ref.substring(0, at);
    checkName(name);
    if (at < 0) {
      JarInfo j = index.get(name);
      if (j == null) {
        throw WeirException.user("no jar named '" + name + "'; upload it first (weir jar upload "
            + "FILE --name " + name + ", or POST /v1/jars?name=" + name + ")" + known());
      }
      return j;
    }
    String sha = ref.substring(at + 1);
    if (!SHA.matcher(sha).matches()) {
      throw WeirException.user("jar reference '" + ref + "': after '@' comes the 64 hex digits of "
          + "a version's SHA-256");
    }
    JarInfo current = index.get(name);
    if (current != null && current.sha256().equals(sha)) {
      return current;
    }
    if (!Files.exists(blob(sha))) {
      throw WeirException.user("jar '" + name + "' has no stored version " + sha);
    }
    return new JarInfo(name, sha, size(blob(sha)), 0);
  }

  private String known() {
    return index.isEmpty() ? "; no jar is stored yet" : "; stored: " + index.keySet();
  }

  /** The file of a version. */
  public Path path(JarInfo jar) {
    return blob(jar.sha256());
  }

  /** Forgets a name (its file stays while {@link #collect} is told it is in use); false if unknown. */
  public synchronized boolean remove(String name) {
    if (index.remove(name) == null) {
      return false;
    }
    writeIndex();
    return true;
  }

  /** Deletes every stored file that is no name's current version and not in {@code inUse}. */
  public synchronized void collect(Set<String> inUse) {
    Set<String> keep = new java.util.HashSet<>(inUse);
    index.values().forEach(j -> keep.add(j.sha256()));
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path p : files.toList()) {
        String sha = p.getFileName().toString().replace(".jar", "");
        if (!keep.contains(sha)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the jar store " + blobs, e);
    }
  }

  private Path blob(String sha) {
    return blobs.resolve(sha + ".jar");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private synchronized JarInfo install(String name, Path tmp, String sha, long size) {
    Path target = blob(sha);
    try {
      if (Files.exists(target)) {
        Files.delete(tmp);
      } else {
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw WeirException.external("cannot store jar '" + name + "': " + e.getMessage(), e);
    }
    JarInfo info = new JarInfo(name, sha, size, System.currentTimeMillis());
    index.put(name, info);
    writeIndex();
    return info;
  }

  private void writeIndex() {
    Path tmp = dir.resolve("index.json.tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), index);
      Files.move(tmp, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw WeirException.external("cannot write the jar index " + indexFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that a file is a readable jar whose entries all stay inside it: no entry name that is
   * absolute, has a drive letter, a backslash, a NUL or a {@code ..} segment.
   */
  static void checkJar(Path file, String name) {
    int entries = 0;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements()) {
        String entry = e.nextElement().getName();
        entries++;
        String why = unsafeEntry(entry);
        if (why != null) {
          throw WeirException.user("jar '" + name + "' holds the entry '"
              + entry.replace("\0", "\\0") + "', which " + why + "; a jar's entries must stay "
              + "inside it");
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      throw WeirException.user("the upload for '" + name + "' is not a readable jar (zip) file: "
          + e.getMessage());
    } catch (IOException e) {
      throw WeirException.user("the upload for '" + name + "' is not a readable jar (zip) file: "
          + e.getMessage());
    }
    if (entries == 0) {
      throw WeirException.user("the upload for '" + name + "' is an empty jar");
    }
  }

  private static String unsafeEntry(String entry) {
    if (entry.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    if (entry.startsWith("/") || entry.startsWith("\\")) {
      return "is an absolute path";
    }
    if (entry.length() > 1 && entry.charAt(1) == ':') {
      return "has a drive letter";
    }
    if (entry.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (String part : entry.split("/")) {
      if (part.equals("..")) {
        return "climbs out with '..'";
      }
    }
    return null;
  }

  /**
   * A jar being uploaded: bytes are appended as they arrive (hashed on the way), then {@link
   * #commit} checks and stores it, or {@link #abort} deletes it. Not thread-safe.
   */
  public final class Upload {
    private final String name;
    private final Path tmp;
    private final long maxBytes;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long size;
    private boolean done;

    private Upload(String name, Path tmp, long maxBytes) throws IOException {
      this.name = name;
      this.tmp = tmp;
      this.maxBytes = maxBytes;
      this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    public String name() {
      return name;
    }

    /** Bytes written so far. */
    public long size() {
      return size;
    }

    /**
     * Appends bytes.
     *
     * @throws WeirException (user) when the upload grows beyond its limit (then it is aborted)
     */
    public void write(ByteBuffer bytes) {
      int n = bytes.remaining();
      if (size + n > maxBytes) {
        abort();
        throw new TooLarge("jar '" + name + "' is larger than the limit of " + maxBytes + " bytes");
      }
      digest.update(bytes.duplicate());
      try {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (IOException e) {
        abort();
        throw WeirException.external("cannot write jar '" + name + "' to the store: " + e.getMessage(), e);
      }
      size += n;
    }

    /** Checks the jar and stores it under its hash; the name then maps to this version. */
    public JarInfo commit() {
      try {
        channel.force(true);
        channel.close();
      } catch (IOException e) {
        abort();
        throw WeirException.external("cannot write jar '" + name + "' to the store: " + e.getMessage(), e);
      }
      try {
        if (size == 0) {
          throw WeirException.user("the upload for '" + name + "' is empty; send the jar as the body");
        }
        checkJar(tmp, name);
        String sha = HexFormat.of().formatHex(digest.digest());
        done = true;
        return install(name, tmp, sha, size);
      } catch (RuntimeException e) {
        abort();
        throw e;
      }
    }

    /** Deletes what was written. Idempotent. */
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + tmp, e);
      }
    }
  }

  /** An upload beyond the size limit (HTTP 413). */
  public static final class TooLarge extends WeirException {
    public TooLarge(String message) {
      super(Kind.USER, message, 0, 0, null, null, null);
    }
  }
}
