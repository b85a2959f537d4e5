package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.RowPrinter;
import io.weir.server.api.ServerInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive SQL shell on a JLine terminal: multi-line statements that end with {@code ;},
 * a history file, completion of keywords, tables and columns, and Ctrl-C that cancels the running
 * statement (stopping its query on the server) but not the shell; at the prompt Ctrl-C clears the
 * line and Ctrl-D (or {@code quit}) leaves.
 *
 * <p>{@link #run()} once, on one thread; it returns when the user leaves.
 */
final class SqlShell {
  private final WeirClient client;
  private final Terminal terminal;
  private final Path historyFile;

  SqlShell(WeirClient client, Terminal terminal, Path historyFile) {
    this.client = client;
    this.terminal = terminal;
    this.historyFile = historyFile;
  }

  /** Runs the shell; returns 0, or 1 when the server cannot be reached at start. */
  int run() {
    PrintWriter out = terminal.writer();
    ServerInfo info;
    try {
      info = client.info();
    } catch (WeirClientException e) {
      out.println("ERROR: " + e);
      out.flush();
      return 1;
    }
    boolean ansi = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    StatementRunner runner = new StatementRunner(client, out, out, RowPrinter.Format.TABLE, ansi, 0);
    SqlCompleter completer = new SqlCompleter(client);
    completer.refresh();
    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("weir")
        .parser(new SqlLineParser())
        .completer(completer)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "   -> ")
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true);
    if (historyFile != null) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = builder.build();
    out.println("Weir SQL shell, connected to " + client.base() + " (Weir " + info.version()
        + ", Kafka " + info.kafkaBootstrap() + ").");
    out.println("End statements with ';'. Ctrl-C cancels a running statement; 'help' for more, "
        + "Ctrl-D or 'quit' to leave.");
    out.flush();
    while (true) {
      String text;
      try {
        text = reader.readLine("weir> ");
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      String trimmed = text.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (SqlLineParser.isShellCommand(trimmed)) {
        String cmd = trimmed.replace(";", "").strip().toLowerCase();
        if (cmd.equals("quit") || cmd.equals("exit") || cmd.equals("\\q")) {
          break;
        }
        help(out);
        continue;
      }
      Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> runner.cancel());
      try {
        runner.run(text);
      } finally {
        terminal.handle(Terminal.Signal.INT,
            previous != null ? previous : Terminal.SignalHandler.SIG_DFL);
      }
      if (runner.catalogMayHaveChanged()) {
        completer.refresh();
      }
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      out.println("weir: cannot save the history to " + historyFile + ": " + e.getMessage());
    }
    out.println("Bye.");
    out.flush();
    return 0;
  }

  private static void help(PrintWriter out) {
    out.println("""
        Statements (end each with ';'):
          CREATE TABLE t (...) WITH ('connector' = 'kafka', ...);   DROP TABLE t;
          CREATE VIEW v AS SELECT ...;                               SHOW TABLES; DESCRIBE t;
          SELECT ...;              runs a query and shows its rows as they come (Ctrl-C stops it)
          INSERT INTO t SELECT ...;  starts a persistent query (it survives server restarts)
          EXPLAIN SELECT ...;      shows the plan
          SET 'key' = 'value';     sets a query property for this session; SET; lists; RESET;
        Shell: help, quit (or Ctrl-D). Tab completes keywords, tables and columns.
        From a terminal: weir queries, weir stop ID, weir explain "SQL".""");
    out.flush();
  }
}
