package io.weir.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code weir} command. The only place in Weir that calls {@link System#exit}. */
@Command(name = "weir", mixinStandardHelpOptions = true, version = "weir 0.1.0",
    description = "Weir: a streaming SQL engine for windowed queries over Kafka, files and generators.",
    subcommands = {RunCommand.class, ServerCommand.class, SqlCommand.class, QueriesCommand.class,
        StopCommand.class, ExplainCommand.class, JarCommand.class, DemoCommand.class,
        BenchCommand.class, ChaosCommand.class})
public final class WeirCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return new CommandLine(new WeirCli()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
