package io.weir.cli.render;

import java.io.PrintWriter;

/**
 * The last line of an ANSI terminal, rewritten in place while a query runs ("rows, rows/s,
 * watermark"). Rows are printed above it: {@link #clear()} before printing, {@link #show} after.
 * On a dumb terminal (or a pipe) nothing is drawn. Thread-safe (synchronized).
 */
public final class StatusLine {
  private final PrintWriter out;
  private final boolean enabled;
  private String text;
  private boolean shown;

  public StatusLine(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public synchronized void show(String newText) {
    text = newText;
    redraw();
  }

  /** Draws the last text again (after rows were printed). */
  public synchronized void redraw() {
    if (!enabled || text == null) {
      return;
    }
    out.print("\r\u001b[2K\u001b[7m" + text + "\u001b[0m");
    out.flush();
    shown = true;
  }

  /** Removes the line so that a row can be printed in its place. */
  public synchronized void clear() {
    if (enabled && shown) {
      out.print("\r\u001b[2K");
      out.flush();
      shown = false;
    }
  }

  /** Formats the usual status: rows so far, rows per second, the query's watermark. */
  public static String format(String queryId, long rows, double rowsPerSecond, String watermark,
      String state) {
    return String.format(" %s  %s  %,d rows  %,.1f rows/s  watermark %s  (Ctrl-C stops) ",
        queryId, state, rows, rowsPerSecond, watermark == null ? "-" : watermark);
  }
}
