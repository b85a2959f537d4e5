package io.weir.engine.connectors;

/**
 * A kind of table, named by the {@code 'connector'} option as Flink names it. Stateless: one
 * instance serves every table of its kind.
 */
public interface Connector {
  /** The value of the {@code 'connector'} option, e.g. {@code kafka}. */
  String name();

  /**
   * Checks a table's options when it is created, so mistakes surface at {@code CREATE TABLE}
   * and not when a query starts. Throws a user {@code WeirException} naming the option.
   */
  void validate(TableDescriptor table);

  /** Whether the table can be read; sinks-only connectors ({@code print}) say no. */
  boolean canRead();

  /** Whether the table can be written; generators say no. */
  boolean canWrite();

  SourceReader createReader(TableDescriptor table, ConnectorContext context);

  SinkWriter createWriter(TableDescriptor table, ConnectorContext context);

  /**
   * A destination for dead-letter or late records configured by options such as {@code
   * dead-letter.path} or {@code late-data.topic}, with the prefix already removed ({@code path},
   * {@code topic}, {@code properties.bootstrap.servers}, …). Connectors that cannot hold side
   * outputs refuse with a user error.
   */
  default SideOutput createSideOutput(String purpose, java.util.Map<String, String> options,
      ConnectorContext context) {
    throw io.weir.engine.errors.WeirException.user(
        "the " + name() + " connector cannot receive " + purpose + " records");
  }

  /**
   * The changelogs and commits of a persistent query that reads {@code source} (see {@link
   * QueryLog}); connectors whose position cannot be committed refuse with a user error.
   *
   * @param sink the query's sink table, or null; a transactional log shares its producer with
   *     the sink when both are on one cluster
   */
  default QueryLog createQueryLog(TableDescriptor source, TableDescriptor sink,
      ConnectorContext context, QueryLog.Settings settings) {
    throw io.weir.engine.errors.WeirException.user("the " + name()
        + " connector cannot keep a query's changelogs and position");
  }
}
