package io.weir.engine.connectors.format;

import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.List;
import java.util.Map;

/**
 * Picks a table's format from its options, as Flink does: {@code 'format' = 'json'} with the
 * format's own options under {@code json.} ({@code json.ignore-parse-errors}, …). A Kafka table
 * may name its value format {@code value.format} (options under {@code value.json.}) and its key
 * format {@code key.format} (options under {@code key.json.}); pass the prefix {@code "key."} or
 * {@code "value."} for those.
 *
 * <p>Only {@code json} exists; an unknown or missing format is a user {@link WeirException}
 * listing the supported ones. Stateless; every method may be called from any thread, and each
 * call returns a new decoder or encoder (which is not thread-safe).
 *
 * <p><b>ignore-parse-errors.</b> The decoder applies it to values (a bad value becomes null, as
 * in Flink) but still throws {@link MalformedRecordException} for a record that is not JSON; the
 * runtime asks {@link #ignoreParseErrors} to decide whether to skip such a record silently
 * instead of routing it to the dead-letter destination or failing the query.
 */
public final class Formats {
  /** The formats Weir reads and writes. */
  public static final List<String> SUPPORTED = List.of("json");

  private Formats() {}

  /** Decodes the table's physical columns from its {@code format}. */
  public static RowDecoder decoder(TableDescriptor table) {
    return decoder(table, table.physicalSchema(), valuePrefix(table));
  }

  /** Decodes {@code columns} from the format named by {@code <prefix>format}. */
  public static RowDecoder decoder(TableDescriptor table, Schema columns, String prefix) {
    String format = formatName(table, prefix);
    return new JsonRowDecoder(columns, jsonOptions(table, prefix, format));
  }

  /** Encodes the table's physical columns in its {@code format}. */
  public static RowEncoder encoder(TableDescriptor table) {
    return encoder(table, table.physicalSchema());
  }

  /**
   * Encodes the given columns (e.g. a Kafka key's) in the table's {@code format} (or {@code
   * value.format}) with its options.
   */
  public static RowEncoder encoder(TableDescriptor table, Schema columns) {
    return encoder(table, columns, valuePrefix(table));
  }

  /**
   * Encodes the given columns in the format named by {@code <prefix>format}, e.g. prefix {@code
   * "key."} reads {@code key.format} and {@code key.json.*}.
   */
  public static RowEncoder encoder(TableDescriptor table, Schema columns, String prefix) {
    String format = formatName(table, prefix);
    return new JsonRowEncoder(columns, jsonOptions(table, prefix, format));
  }

  /**
   * Whether records that cannot be decoded are skipped silently ({@code json.ignore-parse-errors}).
   * A table without a format (generators such as {@code datagen} and {@code nexmark}) decodes
   * nothing, so has nothing to skip: false.
   */
  public static boolean ignoreParseErrors(TableDescriptor table) {
    if (table.option("format") == null && table.option("value.format") == null) {
      return false;
    }
    String prefix = valuePrefix(table);
    String format = formatName(table, prefix);
    return jsonOptions(table, prefix, format).ignoreParseErrors();
  }

  /**
   * Checks the format options of a table at {@code CREATE TABLE}: the format exists and every
   * {@code json.} option is known and well-formed.
   *
   * @throws WeirException (user) naming the option and its value
   */
  public static void validate(TableDescriptor table) {
    String prefix = valuePrefix(table);
    jsonOptions(table, prefix, formatName(table, prefix));
  }

  /** The options of the table's json format, with Flink's defaults. */
  public static JsonFormatOptions jsonOptions(TableDescriptor table) {
    String prefix = valuePrefix(table);
    return jsonOptions(table, prefix, formatName(table, prefix));
  }

  /** {@code value.} when the table names {@code value.format} and not {@code format}. */
  private static String valuePrefix(TableDescriptor table) {
    return table.option("format") == null && table.option("value.format") != null
        ? "value." : "";
  }

  private static String formatName(TableDescriptor table, String prefix) {
    String key = prefix + "format";
    String format = table.option(key);
    if (format == null || format.isBlank()) {
      throw WeirException.user("table '" + table.name() + "' needs the option '" + key
          + "'; supported formats: " + String.join(", ", SUPPORTED));
    }
    String name = format.trim();
    if (!SUPPORTED.contains(name)) {
      throw WeirException.user("table '" + table.name() + "': unknown format '" + format
          + "' in option '" + key + "'; supported formats: " + String.join(", ", SUPPORTED));
    }
    return name;
  }

  private static JsonFormatOptions jsonOptions(TableDescriptor table, String prefix,
      String format) {
    String optionPrefix = prefix + format + ".";
    Map<String, String> options = table.optionsWithPrefix(optionPrefix);
    return JsonFormatOptions.parse(options, table.name(), optionPrefix);
  }
}
