package io.weir.cli;

import io.weir.cli.client.WeirClientException;
import io.weir.engine.errors.WeirException;
import io.weir.server.api.StatementOutcome;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code weir explain "SQL"}: the plan of a query or {@code INSERT}, as the server plans it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Show how the server would run a SELECT or INSERT (its optimized plan and operator DAG).")
final class ExplainCommand implements Callable<Integer> {
  private static final Pattern EXPLAIN = Pattern.compile("(?is)\\s*EXPLAIN\\b.*");

  @Mixin
  ClientOptions client;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String statement = EXPLAIN.matcher(sql).matches() ? sql : "EXPLAIN " + sql;
    try {
      for (StatementOutcome o : client.connect().execute(statement, Map.of()).results()) {
        spec.commandLine().getOut().println(o.plan() != null ? o.plan() : o.message());
      }
      return 0;
    } catch (WeirException | WeirClientException e) {
      spec.commandLine().getErr().println("weir: " + e);
      return 1;
    }
  }
}
