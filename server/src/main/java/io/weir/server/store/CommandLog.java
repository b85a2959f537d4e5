package io.weir.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server's durable record of what must survive a restart, compacted: the DDL statements that
 * re-create today's tables and views, in an order that replays (a table before the views over
 * it), and every persistent query with its statement, properties and status.
 *
 * <p>The whole log is one small JSON file, rewritten on every change: the new content goes to
 * {@code <file>.tmp}, is forced to disk, renamed over the file atomically, and the directory is
 * forced too. A crash at any point leaves either the old or the new log, never a torn one.
 *
 * <p><b>Threading.</b> Every method is synchronized; a change is durable when its method returns.
 * <b>Failures.</b> A log that cannot be read at {@link #open} (corrupt JSON) or written is an
 * external {@link WeirException} naming the file; after a failed write the in-memory log keeps
 * the change, so the next successful write persists it.
 */
public final class CommandLog {
  /** Status of a persistent query that is (or will be, after a restart) running. */
  public static final String RUNNING = "running";
  /** Status of a persistent query that a user stopped: it stays stopped after a restart. */
  public static final String STOPPED = "stopped";
  /** Status of a persistent query whose bounded input ended: it is not run again. */
  public static final String FINISHED = "finished";

  /** A table or view: {@code kind} is {@code table} or {@code view}. */
  public record DdlEntry(String name, String kind, String statement) {
    public DdlEntry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(statement, "statement");
    }
  }

  /** A persistent query: the {@code INSERT INTO} statement, its properties and status. */
  public record QueryEntry(String queryId, String statement, Map<String, String> properties,
      String status, long createdAtMillis) {
    public QueryEntry {
      Objects.requireNonNull(queryId, "queryId");
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public QueryEntry withStatus(String newStatus) {
      return new QueryEntry(queryId, statement, properties, newStatus, createdAtMillis);
    }
  }

  /** The file's content. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Snapshot(int version, long sequence, List<DdlEntry> ddl, List<QueryEntry> queries) {}

  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path file;
  private long sequence;
  private List<DdlEntry> ddl = new ArrayList<>();
  private final List<QueryEntry> queries = new ArrayList<>();

  private CommandLog(Path file) {
    this.file = file;
  }

  /** Opens the log at {@code file}, reading it when it exists (a missing file is an empty log). */
  public static CommandLog open(Path file) {
    CommandLog log = new CommandLog(file.toAbsolutePath());
    Path tmp = log.tempFile();
    try {
      Files.deleteIfExists(tmp);
      if (Files.exists(log.file)) {
        Snapshot s = JSON.readValue(log.file.toFile(), Snapshot.class);
        if (s.version() != VERSION) {
          throw WeirException.external("command log " + log.file + " has version " + s.version()
              + "; this server reads version " + VERSION, null);
        }
        log.sequence = s.sequence();
        log.ddl = new ArrayList<>(s.ddl() == null ? List.of() : s.ddl());
        if (s.queries() != null) {
          log.queries.addAll(s.queries());
        }
      }
    } catch (IOException e) {
      throw WeirException.external("cannot read the command log " + log.file + ": " + e.getMessage(), e);
    }
    return log;
  }

  public Path file() {
    return file;
  }

  /** The DDL to replay, in order. */
  public synchronized List<DdlEntry> ddl() {
    return List.copyOf(ddl);
  }

  /** Every persistent query, in the order they were started. */
  public synchronized List<QueryEntry> queries() {
    return List.copyOf(queries);
  }

  /** The entry of a persistent query, or null. */
  public synchronized QueryEntry query(String queryId) {
    for (QueryEntry q : queries) {
      if (q.queryId().equals(queryId)) {
        return q;
      }
    }
    return null;
  }

  /**
   * Records one change at once: the catalog's DDL becomes {@code newDdl} and {@code
   * startedQueries} are added (an entry with an id already logged replaces it).
   */
  public synchronized void record(List<DdlEntry> newDdl, List<QueryEntry> startedQueries) {
    if (newDdl.equals(ddl) && startedQueries.isEmpty()) {
      return;
    }
    ddl = new ArrayList<>(newDdl);
    for (QueryEntry q : startedQueries) {
      queries.removeIf(e -> e.queryId().equals(q.queryId()));
      queries.add(q);
    }
    write();
  }

  /** Sets a persistent query's status; false when the log has no such query. */
  public synchronized boolean setStatus(String queryId, String status) {
    for (int i = 0; i < queries.size(); i++) {
      QueryEntry q = queries.get(i);
      if (q.queryId().equals(queryId)) {
        if (!Objects.equals(q.status(), status)) {
          queries.set(i, q.withStatus(status));
          write();
        }
        return true;
      }
    }
    return false;
  }

  /** Forgets a persistent query (one whose start failed: the request that started it failed). */
  public synchronized void remove(String queryId) {
    if (queries.removeIf(q -> q.queryId().equals(queryId))) {
      write();
    }
  }

  private Path tempFile() {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  private void write() {
    sequence++;
    Path tmp = tempFile();
    try {
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new Snapshot(VERSION, sequence, ddl, queries));
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw WeirException.external("the file system of " + file
            + " cannot rename atomically; the command log needs it", e);
      }
      forceDirectory(file.getParent());
    } catch (IOException e) {
      throw WeirException.external("cannot write the command log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes the rename durable (Linux: fsync of the directory; elsewhere a no-op when refused). */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }
}
