package io.weir.cli;

import io.weir.cli.client.WeirClientException;
import io.weir.engine.errors.WeirException;
import io.weir.server.api.QueryInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code weir stop ID}: stops a query; a persistent one stays stopped across restarts. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop a query (it commits its position; a persistent query stays stopped after restarts).")
final class StopCommand implements Callable<Integer> {
  @Mixin
  ClientOptions client;

  @Parameters(index = "0", paramLabel = "ID", description = "The query's id (see weir queries).")
  String id;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      QueryInfo q = client.connect().stop(id);
      spec.commandLine().getOut().println("Query " + q.id() + " is " + q.state() + ".");
      return 0;
    } catch (WeirException | WeirClientException e) {
      spec.commandLine().getErr().println("weir: " + e);
      return 1;
    }
  }
}
