package io.weir.cli;

import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.TablePrinter;
import io.weir.engine.errors.WeirException;
import io.weir.server.api.JarInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weir jar upload FILE [--name NAME]}, {@code weir jar list}, {@code weir jar delete NAME}:
 * the server's UDF jars. A jar's name is the label {@code CREATE FUNCTION … USING JAR 'NAME'}
 * uses; uploading under an existing name makes a new version (running queries keep theirs).
 */
@Command(name = "jar", mixinStandardHelpOptions = true,
    description = "Upload, list and delete the server's UDF jars.",
    subcommands = {JarCommand.Upload.class, JarCommand.List.class, JarCommand.Delete.class})
final class JarCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "upload", mixinStandardHelpOptions = true,
      description = "Upload a jar; then CREATE FUNCTION f AS 'com.acme.Class' USING JAR 'NAME'.")
  static final class Upload implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "FILE", description = "The jar file.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The jar's name on the server (default: the file name without '.jar').")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        if (!Files.isRegularFile(file)) {
          spec.commandLine().getErr().println("weir jar upload: no such file: " + file);
          return 1;
        }
        String n = name != null ? name : defaultName(file);
        JarInfo j = client.connect().uploadJar(file, n);
        out.printf("Jar '%s' uploaded: %,d bytes, version %s.%n", j.name(), j.sizeBytes(),
            j.sha256().substring(0, 12));
        out.printf("Use it: CREATE FUNCTION my_function AS 'com.example.MyFunction' USING JAR '%s';%n",
            j.name());
        return 0;
      } catch (WeirException | WeirClientException e) {
        spec.commandLine().getErr().println("weir jar upload: " + e);
        return 1;
      }
    }

    static String defaultName(Path file) {
      String f = file.getFileName().toString();
      return f.endsWith(".jar") ? f.substring(0, f.length() - 4) : f;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the server's jars.")
  static final class List implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        java.util.List<java.util.List<Object>> rows = new ArrayList<>();
        for (JarInfo j : client.connect().jars().jars()) {
          rows.add(java.util.List.of(j.name(), j.sha256().substring(0, 12), j.sizeBytes(),
              j.uploadedAt(), j.usedBy() == null ? "" : String.join(", ", j.usedBy())));
        }
        TablePrinter.print(java.util.List.of("name", "version", "bytes", "uploaded", "used by"),
            rows, spec.commandLine().getOut());
        return 0;
      } catch (WeirException | WeirClientException e) {
        spec.commandLine().getErr().println("weir jar list: " + e);
        return 1;
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a jar (refused while a function or running query uses it).")
  static final class Delete implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "The jar's name.")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        client.connect().deleteJar(name);
        spec.commandLine().getOut().println("Jar '" + name + "' deleted.");
        return 0;
      } catch (WeirException | WeirClientException e) {
        spec.commandLine().getErr().println("weir jar delete: " + e);
        return 1;
      }
    }
  }
}
