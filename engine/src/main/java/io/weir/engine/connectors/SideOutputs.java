package io.weir.engine.connectors;

import io.weir.engine.errors.WeirException;
import java.util.Map;

/**
 * Opens the side output a table configures for dead letters or late records. The table's
 * options with the prefix {@code <purpose>.} say where: {@code dead-letter.path} (a file of JSON
 * lines, see {@code connectors.file.FileSideOutput}) or {@code dead-letter.topic} (a Kafka topic,
 * with {@code dead-letter.properties.*} for the producer). Stateless and thread-safe.
 */
public final class SideOutputs {
  /** The side outputs a table may configure. */
  public static final String DEAD_LETTER = "dead-letter";

  public static final String LATE_DATA = "late-data";

  private SideOutputs() {}

  /**
   * The side output for {@code purpose}, or null when the table configures none.
   *
   * @param purpose {@link #DEAD_LETTER} or {@link #LATE_DATA}
   * @throws WeirException (user) when the options name both or neither of {@code path} and
   *     {@code topic}, or the destination's connector refuses them
   */
  public static SideOutput create(String purpose, TableDescriptor table, ConnectorContext ctx) {
    Map<String, String> options = options(purpose, table);
    if (options.isEmpty()) {
      return null;
    }
    return Connectors.forName(destination(purpose, table, options))
        .createSideOutput(purpose, options, ctx);
  }

  /**
   * Checks a table's side-output options at {@code CREATE TABLE} without opening anything: the
   * destination is named once and its connector exists.
   */
  public static void validate(TableDescriptor table) {
    for (String purpose : new String[] {DEAD_LETTER, LATE_DATA}) {
      Map<String, String> options = options(purpose, table);
      if (!options.isEmpty()) {
        Connectors.forName(destination(purpose, table, options));
      }
    }
  }

  private static Map<String, String> options(String purpose, TableDescriptor table) {
    if (!DEAD_LETTER.equals(purpose) && !LATE_DATA.equals(purpose)) {
      throw WeirException.internal("unknown side output purpose '" + purpose + "'", null);
    }
    Map<String, String> options = new java.util.TreeMap<>(table.optionsWithPrefix(purpose + "."));
    // A topic on the table's own cluster needs no second bootstrap option.
    String bootstrap = table.option("properties.bootstrap.servers");
    if (options.containsKey("topic") && bootstrap != null) {
      options.putIfAbsent("properties.bootstrap.servers", bootstrap);
    }
    return options;
  }

  /** The connector that holds the side output: filesystem for a path, kafka for a topic. */
  private static String destination(String purpose, TableDescriptor table,
      Map<String, String> options) {
    boolean path = options.containsKey("path");
    boolean topic = options.containsKey("topic");
    if (path && topic) {
      throw WeirException.user("table '" + table.name() + "': set either '" + purpose
          + ".path' or '" + purpose + ".topic', not both");
    }
    if (!path && !topic) {
      throw WeirException.user("table '" + table.name() + "': options " + options.keySet()
          .stream().map(k -> "'" + purpose + "." + k + "'").toList()
          + " need '" + purpose + ".path' (a file) or '" + purpose + ".topic' (a Kafka topic)");
    }
    return path ? "filesystem" : "kafka";
  }
}
