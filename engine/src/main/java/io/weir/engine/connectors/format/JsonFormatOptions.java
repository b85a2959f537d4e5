package io.weir.engine.connectors.format;

import io.weir.engine.errors.WeirException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the {@code json} format, named as Flink names them (without the {@code json.}
 * prefix a table writes them with), with Flink's defaults.
 *
 * @param failOnMissingField {@code fail-on-missing-field}: a record missing a column is malformed
 *     (default false: the column is null)
 * @param ignoreParseErrors {@code ignore-parse-errors}: a value that cannot be converted becomes
 *     null, and a record that is not JSON is skipped by the runtime (default false)
 * @param timestampStandard {@code timestamp-format.standard}: {@code SQL} (default) or {@code
 *     ISO-8601}
 * @param decimalAsPlainNumber {@code encode.decimal-as-plain-number}: write {@code 0.000000027}
 *     and never {@code 2.7E-8} (default false)
 * @param ignoreNullFields {@code encode.ignore-null-fields}: leave null columns out of written
 *     objects (default false: they are written as {@code null})
 */
public record JsonFormatOptions(
    boolean failOnMissingField,
    boolean ignoreParseErrors,
    TimestampStandard timestampStandard,
    boolean decimalAsPlainNumber,
    boolean ignoreNullFields) {

  /** How timestamps are written and read, as Flink's {@code TimestampFormat}. */
  public enum TimestampStandard {
    /** {@code 2024-01-01 12:00:00.5} and, for TIMESTAMP_LTZ, {@code 2024-01-01 12:00:00.5Z}. */
    SQL,
    /** {@code 2024-01-01T12:00:00.5} and, for TIMESTAMP_LTZ, {@code 2024-01-01T12:00:00.5Z}. */
    ISO_8601
  }

  /** Flink's defaults. */
  public static final JsonFormatOptions DEFAULTS =
      new JsonFormatOptions(false, false, TimestampStandard.SQL, false, false);

  /** Every option the format knows, without the {@code json.} prefix. */
  public static final List<String> KEYS = List.of(
      "fail-on-missing-field",
      "ignore-parse-errors",
      "timestamp-format.standard",
      "encode.decimal-as-plain-number",
      "encode.ignore-null-fields",
      "map-null-key.mode",
      "map-null-key.literal",
      "decode.json-parser.enabled");

  public JsonFormatOptions {
    if (failOnMissingField && ignoreParseErrors) {
      throw WeirException.user("the json format cannot both fail on missing fields and ignore "
          + "parse errors: set 'json.fail-on-missing-field' or 'json.ignore-parse-errors', not both");
    }
  }

  /**
   * Reads the options of one format instance.
   *
   * @param options the table's options with the format prefix ({@code json.}, {@code key.json.})
   *     already removed
   * @param tableName the table, for messages
   * @param prefix how the table spells the keys' prefix ({@code json.}), for messages
   * @throws WeirException (user) for an unknown key or a value that is not allowed
   */
  public static JsonFormatOptions parse(Map<String, String> options, String tableName,
      String prefix) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw WeirException.user("table '" + tableName + "': unknown option '" + prefix + key
            + "' of the json format; it knows " + prefixed(prefix));
      }
    }
    boolean failOnMissing = bool(options, "fail-on-missing-field", tableName, prefix);
    boolean ignoreErrors = bool(options, "ignore-parse-errors", tableName, prefix);
    String standard = options.getOrDefault("timestamp-format.standard", "SQL");
    TimestampStandard ts = switch (standard.trim().toUpperCase(Locale.ROOT)) {
      case "SQL" -> TimestampStandard.SQL;
      case "ISO-8601" -> TimestampStandard.ISO_8601;
      default -> throw WeirException.user("table '" + tableName + "': option '" + prefix
          + "timestamp-format.standard' must be 'SQL' or 'ISO-8601', got '" + standard + "'");
    };
    String nullKeyMode = options.getOrDefault("map-null-key.mode", "FAIL");
    if (!List.of("FAIL", "DROP", "LITERAL").contains(nullKeyMode.trim().toUpperCase(Locale.ROOT))) {
      throw WeirException.user("table '" + tableName + "': option '" + prefix
          + "map-null-key.mode' must be 'FAIL', 'DROP' or 'LITERAL', got '" + nullKeyMode + "'");
    }
    bool(options, "decode.json-parser.enabled", tableName, prefix);
    if (failOnMissing && ignoreErrors) {
      throw WeirException.user("table '" + tableName + "': options '" + prefix
          + "fail-on-missing-field' and '" + prefix + "ignore-parse-errors' cannot both be true");
    }
    return new JsonFormatOptions(failOnMissing, ignoreErrors, ts,
        bool(options, "encode.decimal-as-plain-number", tableName, prefix),
        bool(options, "encode.ignore-null-fields", tableName, prefix));
  }

  private static boolean bool(Map<String, String> options, String key, String table,
      String prefix) {
    String v = options.get(key);
    if (v == null) {
      return false;
    }
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equalsIgnoreCase("false")) {
      return false;
    }
    throw WeirException.user("table '" + table + "': option '" + prefix + key
        + "' must be true or false, got '" + v + "'");
  }

  private static String prefixed(String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String k : KEYS) {
      sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(prefix).append(k).append('\'');
    }
    return sb.toString();
  }
}
