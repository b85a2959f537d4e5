package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.RowPrinter;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code weir sql}: the interactive shell, or with {@code -e SQL} / {@code -f FILE} a
 * non-interactive run that prints what each statement did (a {@code SELECT}'s rows until it
 * ends) and exits non-zero on the first error.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "The SQL shell of a Weir server; -e or -f run SQL without a prompt.")
final class SqlCommand implements Callable<Integer> {
  @Mixin
  ClientOptions client;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Run these statements and exit.")
  String execute;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements of this file and exit.")
  Path file;

  @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
      description = "How -e/-f print rows: table (default) or json (one JSON object per line).")
  String format;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "0",
      description = "With -e/-f: stop a SELECT after N rows (0: when it ends).")
  long maxRows;

  @Option(names = "--history-file", paramLabel = "FILE",
      description = "The shell's history (default: <data-dir>/history).")
  Path historyFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      WeirClient c = client.connect();
      if (execute != null || file != null) {
        return script(c, out, err);
      }
      try (Terminal terminal = TerminalBuilder.builder().name("weir").system(true).build()) {
        Path history = historyFile != null ? historyFile : client.dataDir().resolve("history");
        return new SqlShell(c, terminal, history).run();
      }
    } catch (WeirException | WeirClientException e) {
      err.println("weir: " + e);
      return 1;
    } catch (IOException e) {
      err.println("weir: cannot open the terminal: " + e.getMessage());
      return 1;
    }
  }

  private int script(WeirClient c, PrintWriter out, PrintWriter err) {
    RowPrinter.Format f = switch (format.toLowerCase()) {
      case "table" -> RowPrinter.Format.TABLE;
      case "json" -> RowPrinter.Format.JSON;
      default -> throw WeirException.user("--format must be table or json, got '" + format + "'");
    };
    StatementRunner runner = new StatementRunner(c, out, err, f, false, maxRows);
    Thread hook = new Thread(runner::stopNow, "weir-sql-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (execute != null && !runner.run(execute)) {
        return 1;
      }
      if (file != null) {
        String sql;
        try {
          sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println("weir: cannot read " + file + ": " + e.getMessage());
          return 1;
        }
        if (!runner.run(sql)) {
          return 1;
        }
      }
      return 0;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook runs and stops the SELECT on the server.
      }
    }
  }
}
