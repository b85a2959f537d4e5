package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code kafka} table, named as Flink's Kafka connector names them, checked and
 * parsed once. Everything is a user error naming the table, the option and the value.
 *
 * @param topics the {@code topic} option split at {@code ;}
 * @param bootstrapServers {@code properties.bootstrap.servers}, else the context's default
 * @param groupId {@code properties.group.id}, default {@code weir-<queryId>}
 * @param clientProperties every {@code properties.*} option without the prefix
 * @param startupMode {@code scan.startup.mode}
 * @param startupTimestamp {@code scan.startup.timestamp-millis} (mode {@code timestamp} only)
 * @param bounded {@code scan.bounded.mode = latest-offset}
 * @param resume {@code weir.resume}: start from committed offsets where the group has them
 * @param keyFields {@code key.fields} split at {@code ;}, as column positions
 */
record KafkaOptions(
    List<String> topics,
    String bootstrapServers,
    String groupId,
    Map<String, String> clientProperties,
    StartupMode startupMode,
    long startupTimestamp,
    boolean bounded,
    boolean resume,
    int[] keyFields) {

  /** Where a reader starts on a partition, as Flink's {@code scan.startup.mode}. */
  enum StartupMode {
    EARLIEST("earliest-offset"),
    LATEST("latest-offset"),
    GROUP("group-offsets"),
    TIMESTAMP("timestamp");

    final String optionValue;

    StartupMode(String optionValue) {
      this.optionValue = optionValue;
    }
  }

  static final String TOPIC = "topic";
  static final String BOOTSTRAP = "properties.bootstrap.servers";
  static final String GROUP_ID = "properties.group.id";
  static final String STARTUP_MODE = "scan.startup.mode";
  static final String STARTUP_TIMESTAMP = "scan.startup.timestamp-millis";
  static final String BOUNDED_MODE = "scan.bounded.mode";
  static final String RESUME = "weir.resume";
  static final String FORMAT = "format";
  static final String VALUE_FORMAT = "value.format";
  static final String KEY_FIELDS = "key.fields";
  static final String KEY_FORMAT = "key.format";
  static final String VALUE_FIELDS_INCLUDE = "value.fields-include";

  /** The options of the connector's own namespaces that it knows; others there are typos. */
  private static final Set<String> KNOWN = Set.of(TOPIC, STARTUP_MODE, STARTUP_TIMESTAMP,
      BOUNDED_MODE, RESUME, FORMAT, VALUE_FORMAT, KEY_FIELDS, KEY_FORMAT, VALUE_FIELDS_INCLUDE);
  private static final List<String> OWN_PREFIXES = List.of("scan.", "sink.", "weir.", "key.", "value.", "topic");

  /** Checks a table's options without a context (at {@code CREATE TABLE}). */
  static void validate(TableDescriptor table) {
    parse(table, null, true);
  }

  /** Parses a table's options for a reader or writer of one query. */
  static KafkaOptions of(TableDescriptor table, ConnectorContext context) {
    return parse(table, context, false);
  }

  private static KafkaOptions parse(TableDescriptor table, ConnectorContext context, boolean validateOnly) {
    String name = table.name();
    for (String key : table.options().keySet()) {
      boolean own = OWN_PREFIXES.stream().anyMatch(key::startsWith);
      boolean formatOption = key.startsWith("json.") || key.startsWith("key.json.") || key.startsWith("value.json.");
      if (own && !formatOption && !KNOWN.contains(key)) {
        throw WeirException.user("table '" + name + "': unknown option '" + key + "' of the kafka connector");
      }
    }
    List<String> topics = topics(name, table.required(TOPIC));

    // The format and its options are checked by Formats.
    String include = table.option(VALUE_FIELDS_INCLUDE, "ALL");
    if (!include.trim().equalsIgnoreCase("ALL")) {
      throw WeirException.user("table '" + name + "': 'value.fields-include' = '" + include + "' is not supported; only 'ALL'");
    }

    Map<String, String> props = table.optionsWithPrefix("properties.");
    String bootstrap = props.get("bootstrap.servers");
    if (bootstrap == null || bootstrap.isBlank()) {
      bootstrap = context == null ? null : context.defaultKafkaBootstrap();
      if (bootstrap == null && !validateOnly) {
        throw WeirException.user("table '" + name + "' needs the option '" + BOOTSTRAP
            + "': no Kafka broker is configured for this server");
      }
    }
    String groupId = props.get("group.id");
    if (groupId == null || groupId.isBlank()) {
      groupId = "weir-" + (context == null ? "query" : context.queryId());
    }

    String modeText = table.option(STARTUP_MODE, StartupMode.GROUP.optionValue).trim().toLowerCase(Locale.ROOT);
    StartupMode mode = null;
    for (StartupMode m : StartupMode.values()) {
      if (m.optionValue.equals(modeText)) {
        mode = m;
      }
    }
    if (mode == null) {
      throw WeirException.user("table '" + name + "': 'scan.startup.mode' must be 'earliest-offset', "
          + "'latest-offset', 'group-offsets' or 'timestamp', got '" + table.option(STARTUP_MODE) + "'");
    }
    long timestamp = table.longOption(STARTUP_TIMESTAMP, -1);
    if (mode == StartupMode.TIMESTAMP && timestamp < 0) {
      throw WeirException.user("table '" + name + "': 'scan.startup.mode' = 'timestamp' needs '"
          + STARTUP_TIMESTAMP + "' (epoch milliseconds)");
    }
    if (mode == StartupMode.GROUP) {
      String reset = props.getOrDefault("auto.offset.reset", "earliest").trim().toLowerCase(Locale.ROOT);
      if (!List.of("earliest", "latest", "none").contains(reset)) {
        throw WeirException.user("table '" + name + "': 'properties.auto.offset.reset' must be "
            + "'earliest', 'latest' or 'none', got '" + props.get("auto.offset.reset") + "'");
      }
    }

    String boundedText = table.option(BOUNDED_MODE, "unbounded").trim().toLowerCase(Locale.ROOT);
    boolean bounded = switch (boundedText) {
      case "unbounded" -> false;
      case "latest-offset" -> true;
      default -> throw WeirException.user("table '" + name + "': 'scan.bounded.mode' must be "
          + "'latest-offset' or 'unbounded', got '" + table.option(BOUNDED_MODE) + "'");
    };
    boolean resume = table.booleanOption(RESUME, false);

    int[] keyFields = keyFields(table);
    return new KafkaOptions(topics, bootstrap, groupId, props, mode, timestamp, bounded, resume, keyFields);
  }

  static List<String> topics(String table, String value) {
    Set<String> topics = new LinkedHashSet<>();
    for (String t : value.split(";")) {
      String topic = t.trim();
      if (!topic.isEmpty()) {
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
          throw WeirException.user("table '" + table + "': '" + topic + "' is not a valid Kafka topic name "
              + "(letters, digits, '.', '_', '-'; at most 249)");
        }
        topics.add(topic);
      }
    }
    if (topics.isEmpty()) {
      throw WeirException.user("table '" + table + "': option 'topic' names no topic: '" + value + "'");
    }
    return List.copyOf(topics);
  }

  private static int[] keyFields(TableDescriptor table) {
    String value = table.option(KEY_FIELDS);
    if (value == null || value.isBlank()) {
      return new int[0];
    }
    String keyFormat = table.option(KEY_FORMAT, "json");
    if (!keyFormat.trim().equalsIgnoreCase("json")) {
      throw WeirException.user("table '" + table.name() + "': 'key.format' = '" + keyFormat
          + "' is not supported; use 'json'");
    }
    Schema schema = table.physicalSchema();
    List<Integer> positions = new ArrayList<>();
    for (String f : value.split(";")) {
      String field = f.trim();
      if (field.isEmpty()) {
        continue;
      }
      int i = schema.indexOf(field);
      if (i < 0) {
        throw WeirException.user("table '" + table.name() + "': 'key.fields' names '" + field
            + "', which is not a column; columns are " + schema.names());
      }
      positions.add(i);
    }
    return positions.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The single topic a writer writes to. */
  String singleTopic(String table) {
    if (topics.size() != 1) {
      throw WeirException.user("table '" + table + "' is written to, so 'topic' must name one topic, got " + topics);
    }
    return topics.get(0);
  }

  /**
   * Client configuration: Weir's defaults, then the table's {@code properties.*} (which win), then
   * what Weir must own (serializers, the bootstrap servers).
   */
  static Map<String, Object> clientConfig(Map<String, Object> defaults, Map<String, String> userProperties,
      String bootstrap) {
    Map<String, Object> conf = new HashMap<>(defaults);
    conf.putAll(userProperties);
    conf.put("bootstrap.servers", bootstrap);
    return conf;
  }
}
