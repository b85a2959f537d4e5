package io.weir.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.server.api.ColumnInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints rows as they arrive: as table lines whose column widths come from the column types
 * (a wider value widens only its own line), or as JSON lines. Not thread-safe: one thread prints.
 */
public final class RowPrinter {
  /** How rows look. */
  public enum Format {
    TABLE, JSON
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<ColumnInfo> columns;
  private final PrintWriter out;
  private final Format format;
  private final int[] widths;
  private long rows;
  private boolean headerPrinted;

  public RowPrinter(List<ColumnInfo> columns, PrintWriter out, Format format) {
    this.columns = columns;
    this.out = out;
    this.format = format;
    this.widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      ColumnInfo c = columns.get(i);
      widths[i] = Math.max(c.name().length(), width(c.type()));
    }
  }

  /** A width that fits typical values of a type. */
  static int width(String type) {
    if (type == null) {
      return 8;
    }
    String t = type.toUpperCase();
    if (t.startsWith("TIMESTAMP_LTZ")) {
      return 24;
    }
    if (t.startsWith("TIMESTAMP")) {
      return 23;
    }
    if (t.startsWith("BIGINT") || t.startsWith("DOUBLE") || t.startsWith("DECIMAL")
        || t.startsWith("FLOAT")) {
      return 10;
    }
    if (t.startsWith("INT")) {
      return 6;
    }
    if (t.startsWith("BOOLEAN")) {
      return 5;
    }
    return 12;
  }

  public void header() {
    if (format == Format.TABLE && !headerPrinted) {
      List<String> names = columns.stream().map(ColumnInfo::name).toList();
      out.println(TablePrinter.rule(widths));
      out.println(TablePrinter.line(names, widths));
      out.println(TablePrinter.rule(widths));
      out.flush();
    }
    headerPrinted = true;
  }

  /** Prints one row (values keyed by column name). */
  public void row(Map<String, Object> values) {
    header();
    rows++;
    if (format == Format.JSON) {
      try {
        out.println(JSON.writeValueAsString(values));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot print a row as JSON", e);
      }
    } else {
      List<String> texts = new ArrayList<>(columns.size());
      for (ColumnInfo c : columns) {
        texts.add(Values.text(values.get(c.name())));
      }
      out.println(TablePrinter.line(texts, widths));
    }
  }

  /** Prints a notice (skipped rows, an error) in the flow of rows. */
  public void notice(String text) {
    out.println(format == Format.TABLE ? "-- " + text : text);
  }

  /** Closes the table. */
  public void footer() {
    if (format == Format.TABLE && headerPrinted && rows > 0) {
      out.println(TablePrinter.rule(widths));
    }
    out.flush();
  }

  public long rows() {
    return rows;
  }

  public void flush() {
    out.flush();
  }
}
