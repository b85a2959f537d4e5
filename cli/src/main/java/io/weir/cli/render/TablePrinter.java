package io.weir.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a small, complete table (SHOW, DESCRIBE, the query list) with borders. Stateless. */
public final class TablePrinter {
  private TablePrinter() {}

  public static void print(List<String> columns, List<? extends List<?>> rows, PrintWriter out) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
    }
    List<List<String>> cells = new ArrayList<>();
    for (List<?> row : rows) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        String t = i < row.size() ? Values.text(row.get(i)) : "";
        widths[i] = Math.max(widths[i], t.length());
        texts.add(t);
      }
      cells.add(texts);
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(columns, widths));
    out.println(rule);
    for (List<String> row : cells) {
      out.println(line(row, widths));
    }
    if (!cells.isEmpty()) {
      out.println(rule);
    }
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    out.flush();
  }

  static String rule(int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  static String line(List<String> values, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      String v = i < values.size() ? values.get(i) : "";
      sb.append(' ').append(v).append(" ".repeat(Math.max(0, widths[i] - v.length()))).append(" |");
    }
    return sb.toString();
  }
}
