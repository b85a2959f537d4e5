package io.weir.engine.connectors.file;

import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.errors.WeirException;
import io.weir.engine.operators.RowBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a {@code filesystem} table as Flink's file sink does: a directory of JSON-lines part
 * files named {@code part-<uuid>-0-<n>} (one uuid per writer, {@code n} counting from 0; subtask
 * 0, as Weir runs one). Rows go to a hidden in-progress file {@code
 * .part-<uuid>-0-<n>.inprogress.<uuid>} beside it; {@link #flush} (and {@link #close}) forces
 * it to disk and renames it to its visible name, so readers that skip hidden files, Flink's and
 * Weir's, never see half a file. A file that outgrows {@code sink.rolling-policy.file-size} is
 * closed and waits, still hidden, for the next flush. A flush with no new rows creates nothing.
 *
 * <p>Call order and threading as {@link SinkWriter}. I/O failures are external errors; a path
 * that is a regular file is a user error.
 */
final class FileSinkWriter implements SinkWriter {
  private final TableDescriptor table;
  private final Path dir;
  private final RowEncoder encoder;
  private final long maxFileSize;
  private final String prefix = "part-" + UUID.randomUUID() + "-0-";
  private final List<Path[]> pending = new ArrayList<>();
  private int counter;
  private FileChannel channel;
  private OutputStream out;
  private Path inProgress;
  private Path target;
  private long size;

  FileSinkWriter(TableDescriptor table, long maxFileSize) {
    this.table = table;
    this.dir = Path.of(table.required("path").trim());
    this.encoder = Formats.encoder(table);
    this.maxFileSize = maxFileSize;
  }

  @Override
  public void open() {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw WeirException.user("table '" + table.name() + "': path '" + dir
          + "' is a file; a filesystem sink writes a directory of part files");
    }
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new WeirException(WeirException.Kind.USER, "table '" + table.name()
          + "': cannot create the directory '" + dir + "': a file is in the way", 0, 0, null,
          null, e);
    } catch (IOException e) {
      throw WeirException.external("table '" + table.name() + "': cannot create the directory '"
          + dir + "': " + e, e);
    }
  }

  @Override
  public void write(RowBatch rows) {
    try {
      for (int i = 0; i < rows.size(); i++) {
        byte[] bytes = encoder.encode(rows.get(i));
        if (out == null) {
          start();
        }
        out.write(bytes);
        out.write('\n');
        size += bytes.length + 1;
        if (size >= maxFileSize) {
          finishCurrent();
        }
      }
    } catch (IOException e) {
      throw failure("write to '" + inProgress + "'", e);
    }
  }

  private void start() throws IOException {
    String name = prefix + counter++;
    target = dir.resolve(name);
    inProgress = dir.resolve("." + name + ".inprogress." + UUID.randomUUID());
    channel = FileChannel.open(inProgress, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    size = 0;
  }

  /** Forces the in-progress file to disk and closes it; it stays hidden until published. */
  private void finishCurrent() throws IOException {
    if (out == null) {
      return;
    }
    out.flush();
    channel.force(true);
    out.close();
    pending.add(new Path[] {inProgress, target});
    out = null;
    channel = null;
    inProgress = null;
    target = null;
  }

  @Override
  public void flush() {
    try {
      finishCurrent();
      if (pending.isEmpty()) {
        return;
      }
      for (Path[] p : pending) {
        Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE);
      }
      pending.clear();
      // Make the renames durable too.
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      throw failure("publish part files in '" + dir + "'", e);
    }
  }

  @Override
  public void close() {
    flush();
  }

  private WeirException failure(String what, IOException e) {
    return WeirException.external("table '" + table.name() + "': cannot " + what + ": " + e, e);
  }
}
