package io.weir.engine.connectors.file;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.errors.WeirException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filesystem} connector, with Flink's option names: {@code path} (a JSON-lines file or
 * a directory of them), {@code format} = {@code json} with its {@code json.*} options, and for
 * sinks {@code sink.rolling-policy.file-size} (default 128MB) and {@code sink.parallelism}
 * (accepted; Weir writes with one writer). Sources are bounded; see {@link FileSourceReader} and
 * {@link FileSinkWriter}. Also holds file side outputs ({@code dead-letter.path}, {@code
 * late-data.path}; see {@link FileSideOutput}). Stateless.
 */
public final class FileSystemConnector implements Connector {
  public static final String NAME = "filesystem";
  private static final long DEFAULT_FILE_SIZE = 128L * 1024 * 1024;
  private static final Set<String> KEYS = Set.of("path", "format",
      "sink.rolling-policy.file-size", "sink.parallelism");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(TableDescriptor table) {
    Connectors.checkKnownOptions(table, KEYS, List.of("json."));
    path(table);
    Formats.validate(table);
    fileSize(table);
    String parallelism = table.option("sink.parallelism");
    if (parallelism != null) {
      long p = table.longOption("sink.parallelism", 1);
      if (p < 1) {
        throw WeirException.user("table '" + table.name()
            + "': option 'sink.parallelism' must be at least 1, got '" + parallelism + "'");
      }
    }
    SideOutputs.validate(table);
  }

  private static Path path(TableDescriptor table) {
    String path = table.required("path");
    try {
      return Path.of(path.trim());
    } catch (InvalidPathException e) {
      throw WeirException.user("table '" + table.name() + "': option 'path' is not a valid path: '"
          + path + "' (" + e.getReason() + ")");
    }
  }

  @Override
  public boolean canRead() {
    return true;
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  @Override
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    return new FileSourceReader(table);
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    return new FileSinkWriter(table, fileSize(table));
  }

  /** A file of JSON lines at the option {@code path}; no other option is allowed. */
  @Override
  public SideOutput createSideOutput(String purpose, Map<String, String> options,
      ConnectorContext context) {
    for (String key : options.keySet()) {
      if (!key.equals("path")) {
        throw WeirException.user("unknown option '" + purpose + "." + key
            + "' for a file side output; it takes only '" + purpose + ".path'");
      }
    }
    String path = options.get("path");
    if (path == null || path.isBlank()) {
      throw WeirException.user("option '" + purpose + ".path' must name a file");
    }
    return new FileSideOutput(Path.of(path.trim()));
  }

  private static long fileSize(TableDescriptor table) {
    String v = table.option("sink.rolling-policy.file-size");
    if (v == null) {
      return DEFAULT_FILE_SIZE;
    }
    long size = parseMemorySize(v);
    if (size <= 0) {
      throw WeirException.user("table '" + table.name()
          + "': option 'sink.rolling-policy.file-size' must be a positive size such as '128MB',"
          + " got '" + v + "'");
    }
    return size;
  }

  /**
   * A size as Flink's {@code MemorySize} writes it: a number and an optional unit (b, k/kb, m/mb,
   * g/gb, t/tb, in powers of 1024); -1 when it is not one.
   */
  static long parseMemorySize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return -1;
    }
    long number;
    try {
      number = Long.parseLong(t.substring(0, i));
    } catch (NumberFormatException e) {
      return -1;
    }
    String unit = t.substring(i).trim();
    long factor = switch (unit) {
      case "", "b", "bytes" -> 1L;
      case "k", "kb", "kibibytes" -> 1L << 10;
      case "m", "mb", "mebibytes" -> 1L << 20;
      case "g", "gb", "gibibytes" -> 1L << 30;
      case "t", "tb", "tebibytes" -> 1L << 40;
      default -> -1L;
    };
    if (factor < 0 || number > Long.MAX_VALUE / factor) {
      return -1;
    }
    return number * factor;
  }
}
