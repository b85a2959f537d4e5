package io.weir.cli;

import io.weir.cli.client.ResultLines;
import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.RowPrinter;
import io.weir.cli.render.StatusLine;
import io.weir.server.api.QueryInfo;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the result stream of one {@code SELECT}: prints each row as it arrives, keeps the status
 * line current (rows, rows/s, the query's watermark, polled once a second), and ends when the
 * stream ends, after {@code maxRows} rows, or on {@link #cancel()} — which stops the query on the
 * server, so its stream ends too.
 *
 * <p>{@link #follow()} runs on one thread; {@link #cancel()} may be called from any other (a
 * Ctrl-C handler, a timer, a shutdown hook).
 */
final class ResultFollower {
  /** How following ended. */
  record Outcome(long rows, long skipped, String error, boolean cancelled, double seconds) {}

  private final WeirClient client;
  private final String queryId;
  private final RowPrinter printer;
  private final StatusLine status;
  private final long maxRows;
  private volatile boolean cancelled;
  private volatile ResultLines lines;
  private volatile Thread follower;
  private volatile long rows;
  private final long startNanos = System.nanoTime();
  private volatile long firstRowNanos;

  ResultFollower(WeirClient client, String queryId, RowPrinter printer, StatusLine status,
      long maxRows) {
    this.client = client;
    this.queryId = queryId;
    this.printer = printer;
    this.status = status;
    this.maxRows = maxRows;
  }

  /** Seconds from the start of following to the first row, or -1 before it. */
  double secondsToFirstRow() {
    long f = firstRowNanos;
    return f == 0 ? -1 : (f - startNanos) / 1e9;
  }

  Outcome follow() {
    follower = Thread.currentThread();
    ScheduledExecutorService ticker = null;
    long skipped = 0;
    String error = null;
    try {
      lines = client.results(queryId, 0);
      if (status.enabled()) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "weir-status");
          t.setDaemon(true);
          return t;
        });
        ticker.scheduleWithFixedDelay(this::refreshStatus, 0, 1, TimeUnit.SECONDS);
      }
      printer.header();
      ResultLines.Line line;
      while (!cancelled && (line = lines.next()) != null) {
        if (line instanceof ResultLines.Row row) {
          if (firstRowNanos == 0) {
            firstRowNanos = System.nanoTime();
          }
          synchronized (status) {
            status.clear();
            printer.row(row.values());
            printer.flush();
            status.redraw();
          }
          rows++;
          if (maxRows > 0 && rows >= maxRows) {
            stopQuery();
            break;
          }
        } else if (line instanceof ResultLines.Skipped s) {
          skipped += s.rows();
          synchronized (status) {
            status.clear();
            printer.notice("skipped " + s.rows() + " rows: this terminal fell behind the query");
            status.redraw();
          }
        } else if (line instanceof ResultLines.Failed f) {
          error = f.message();
        }
      }
    } catch (IOException e) {
      if (!cancelled) {
        error = "the result stream broke: " + e.getMessage();
      }
    } catch (WeirClientException e) {
      if (!cancelled) {
        throw e;
      }
    } finally {
      if (ticker != null) {
        ticker.shutdownNow();
      }
      synchronized (status) {
        status.clear();
      }
      printer.footer();
      ResultLines l = lines;
      if (l != null) {
        l.close();
      }
      follower = null;
    }
    return new Outcome(rows, skipped, error, cancelled, (System.nanoTime() - startNanos) / 1e9);
  }

  /** Stops the query and the following (any thread; returns at once). */
  void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    Thread t = new Thread(() -> {
      stopQuery();
      // The server ends the stream when the query stops; if it does not within 5 s, let go.
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        return;
      }
      ResultLines l = lines;
      Thread f = follower;
      if (l != null && f != null) {
        l.close();
        f.interrupt();
      }
    }, "weir-cancel");
    t.setDaemon(true);
    t.start();
  }

  /** Stops the query now, on this thread (a shutdown hook: the JVM exits right after). */
  void stopNow() {
    cancelled = true;
    stopQuery();
  }

  private void stopQuery() {
    try {
      client.stop(queryId);
    } catch (WeirClientException e) {
      // Already gone (ended and forgotten) or the server went away: nothing left to stop.
    }
  }

  private void refreshStatus() {
    try {
      QueryInfo q = client.query(queryId);
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      String wm = q.metrics() == null ? null : q.metrics().watermarkTime();
      status.show(StatusLine.format(queryId, rows, elapsed > 0 ? rows / elapsed : 0,
          wm == null ? null : wm.replace('T', ' ').replace("Z", ""), q.state()));
    } catch (WeirClientException e) {
      status.show(StatusLine.format(queryId, rows, 0, null, "?"));
    }
  }
}
