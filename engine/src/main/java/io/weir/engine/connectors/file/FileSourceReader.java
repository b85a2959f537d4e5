package io.weir.engine.connectors.file;

import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.MalformedRecordException;
import io.weir.engine.connectors.format.RowDecoder;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a {@code filesystem} table: a JSON-lines file, or every file under a directory
 * (recursively, ordered by their path relative to it, skipping names that start with {@code .}
 * or {@code _} as Flink's {@code DefaultFileFilter} does), one after another as a single split
 * 0, so the order of rows is the same on every run. Bounded.
 *
 * <p>Blank lines are skipped. A line that does not decode goes to {@link
 * SourceRecords#malformed} with the position {@code file=<path> line=<n>} (1-based) and the
 * metadata {@code file} and {@code line}.
 *
 * <p>Call order and threading as {@link SourceReader}. A missing path is a user error at {@link
 * #open}; a read failure is an external error.
 */
final class FileSourceReader implements SourceReader {
  private final TableDescriptor table;
  private final Path root;
  private final RowDecoder decoder;
  private List<Path> files;
  private int nextFile;
  private Path current;
  private String currentName;
  private InputStream stream;
  private LineReader lines;

  FileSourceReader(TableDescriptor table) {
    this.table = table;
    this.root = Path.of(table.required("path").trim());
    this.decoder = Formats.decoder(table);
  }

  @Override
  public void open() {
    files = listFiles(table, root);
    nextFile = 0;
  }

  /** The files a path stands for, in reading order. */
  static List<Path> listFiles(TableDescriptor table, Path root) {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    if (!Files.isDirectory(root)) {
      throw WeirException.user("table '" + table.name() + "': path '" + root
          + "' does not exist (option 'path')");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !p.equals(root) && Files.isRegularFile(p) && !hidden(root, p))
          .forEach(out::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw WeirException.external("table '" + table.name() + "': cannot list the files under '"
          + root + "': " + e.getMessage(), e);
    }
    out.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
    return out;
  }

  /** Whether a file or any directory between the root and it is hidden, as Flink sees it. */
  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int splitCount() {
    return 1;
  }

  @Override
  public boolean poll(SourceRecords out, int maxRecords, long timeoutMillis) {
    int handed = 0;
    try {
      while (handed < maxRecords) {
        if (lines == null && !openNext()) {
          return false;
        }
        if (!lines.next()) {
          closeCurrent();
          continue;
        }
        if (lines.isBlank()) {
          continue;
        }
        byte[] buf = lines.bytes();
        int off = lines.offset();
        int len = lines.length();
        try {
          // Decoded from the read buffer: the bytes are copied only if the row goes aside.
          out.row(0, decoder.decode(buf, off, len), buf, off, len);
        } catch (MalformedRecordException e) {
          byte[] original = Arrays.copyOfRange(buf, off, off + len);
          long line = lines.lineNumber();
          Map<String, String> metadata = new LinkedHashMap<>();
          metadata.put("file", currentName);
          metadata.put("line", Long.toString(line));
          out.malformed(0, original, e.getMessage(), "file=" + currentName + " line=" + line,
              metadata);
        }
        handed++;
      }
      return true;
    } catch (IOException e) {
      throw WeirException.external("table '" + table.name() + "': cannot read '" + current
          + "': " + e.getMessage(), e);
    }
  }

  private boolean openNext() throws IOException {
    if (files == null) {
      throw WeirException.internal("poll before open on the filesystem source of table '"
          + table.name() + "'", null);
    }
    if (nextFile >= files.size()) {
      return false;
    }
    current = files.get(nextFile++);
    currentName = current.toAbsolutePath().toString();
    try {
      stream = Files.newInputStream(current);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new WeirException(WeirException.Kind.USER, "table '" + table.name() + "': file '"
          + current + "' disappeared while the query read its directory", 0, 0, null, null, e);
    }
    lines = new LineReader(stream);
    return true;
  }

  private void closeCurrent() throws IOException {
    lines = null;
    InputStream s = stream;
    stream = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public void close() {
    try {
      closeCurrent();
    } catch (IOException e) {
      throw WeirException.external("table '" + table.name() + "': cannot close '" + current
          + "': " + e.getMessage(), e);
    }
  }
}
