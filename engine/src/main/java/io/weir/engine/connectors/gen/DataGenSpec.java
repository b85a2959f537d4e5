package io.weir.engine.connectors.gen;

import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.errors.WeirException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options of a {@code datagen} table, checked and resolved once, as Flink names them:
 * {@code rows-per-second} (default 10000), {@code number-of-rows} (unbounded when absent), and
 * per column {@code fields.<col>.kind} = {@code random} (default) or {@code sequence}, with
 * {@code min}/{@code max} (numbers), {@code length} (strings: default 100; arrays: default 3),
 * {@code var-len} (strings), {@code max-past} (timestamps, a duration such as {@code 5 s}),
 * {@code null-rate} (0 to 1), {@code start}/{@code end} (sequences, required), and {@code
 * element.*} for an array's elements. Defaults follow Flink's: integer ranges span their type,
 * FLOAT/DOUBLE/DECIMAL span {@code [Double.MIN_VALUE, Double.MAX_VALUE]} cut to what the type
 * holds, timestamps are the current time. Immutable.
 */
final class DataGenSpec {
  static final long DEFAULT_ROWS_PER_SECOND = 10_000;
  private static final Set<String> KEYS = Set.of("rows-per-second", "number-of-rows",
      "scan.parallelism");
  private static final List<String> FIELD_OPTIONS = List.of("kind", "min", "max", "max-past",
      "length", "var-len", "start", "end", "null-rate");

  final String table;
  final List<Field> fields;
  final double rowsPerSecond;
  /** Rows the source hands over before it ends: number-of-rows, or the shortest sequence. */
  final long totalRows;
  final boolean bounded;
  private final List<Column> columns;

  private DataGenSpec(String table, List<Field> fields, double rowsPerSecond, long totalRows,
      boolean bounded, List<Column> columns) {
    this.table = table;
    this.fields = fields;
    this.rowsPerSecond = rowsPerSecond;
    this.totalRows = totalRows;
    this.bounded = bounded;
    this.columns = columns;
  }

  /** One column's resolved options. */
  private record Column(String option, DataType type, boolean sequence, Map<String, String> opts,
      double nullRate, Column element) {}

  /**
   * Checks every option and resolves it.
   *
   * @throws WeirException (user) naming the option and its value
   */
  static DataGenSpec parse(TableDescriptor table) {
    Connectors.checkKnownOptions(table, KEYS, List.of("fields."));
    String name = table.name();
    double rate = DEFAULT_ROWS_PER_SECOND;
    String rateText = table.option("rows-per-second");
    if (rateText != null) {
      rate = positiveNumber(name, "rows-per-second", rateText);
    }
    long rows = -1;
    String rowsText = table.option("number-of-rows");
    if (rowsText != null) {
      rows = table.longOption("number-of-rows", -1);
      if (rows < 0) {
        throw WeirException.user("table '" + name + "': option 'number-of-rows' must not be "
            + "negative, got '" + rowsText + "'");
      }
    }
    String parallelism = table.option("scan.parallelism");
    if (parallelism != null && table.longOption("scan.parallelism", 1) < 1) {
      throw WeirException.user("table '" + name + "': option 'scan.parallelism' must be at "
          + "least 1, got '" + parallelism + "'");
    }

    List<Field> fields = table.physicalSchema().fields();
    // Group fields.<col>.<option> by column, longest column name first (names may hold dots).
    List<Field> byLength = new ArrayList<>(fields);
    byLength.sort((a, b) -> b.name().length() - a.name().length());
    Map<String, Map<String, String>> perColumn = new HashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(table.optionsWithPrefix("fields.")).entrySet()) {
      String rest = e.getKey();
      Field owner = null;
      for (Field f : byLength) {
        if (rest.startsWith(f.name() + ".")) {
          owner = f;
          break;
        }
      }
      if (owner == null) {
        throw WeirException.user("table '" + name + "': option 'fields." + rest
            + "' names no column; the columns are " + table.physicalSchema().names());
      }
      perColumn.computeIfAbsent(owner.name(), k -> new HashMap<>())
          .put(rest.substring(owner.name().length() + 1), e.getValue());
    }

    List<Column> columns = new ArrayList<>();
    long total = rows < 0 ? Long.MAX_VALUE : rows;
    boolean anySequence = false;
    for (Field f : fields) {
      Column c = column(name, "fields." + f.name() + ".", f.type(),
          perColumn.getOrDefault(f.name(), Map.of()), true);
      columns.add(c);
      if (c.sequence()) {
        anySequence = true;
        long start = longOf(name, c, "start");
        long end = longOf(name, c, "end");
        long length = end - start + 1;
        total = Math.min(total, length <= 0 ? Long.MAX_VALUE : length);
      }
    }
    return new DataGenSpec(name, fields, rate, total, rows >= 0 || anySequence, columns);
  }

  private static Column column(String table, String option, DataType type,
      Map<String, String> opts, boolean topLevel) {
    Map<String, String> own = new HashMap<>();
    Map<String, String> element = new HashMap<>();
    for (Map.Entry<String, String> e : opts.entrySet()) {
      if (e.getKey().startsWith("element.") && type.kind() == Kind.ARRAY) {
        element.put(e.getKey().substring("element.".length()), e.getValue());
      } else if (FIELD_OPTIONS.contains(e.getKey())) {
        own.put(e.getKey(), e.getValue());
      } else {
        throw WeirException.user("table '" + table + "': unknown option '" + option + e.getKey()
            + "'; a " + type.withNullable(true) + " column takes " + optionsFor(type, option));
      }
    }
    String kindText = own.getOrDefault("kind", "random").trim().toLowerCase(Locale.ROOT);
    boolean sequence;
    switch (kindText) {
      case "random" -> sequence = false;
      case "sequence" -> sequence = true;
      default -> throw WeirException.user("table '" + table + "': option '" + option
          + "kind' must be 'random' or 'sequence', got '" + own.get("kind") + "'");
    }
    Kind k = type.kind();
    if (sequence) {
      if (!topLevel || !(k == Kind.INT || k == Kind.BIGINT || k == Kind.FLOAT
          || k == Kind.DOUBLE || k == Kind.DECIMAL || k == Kind.STRING)) {
        throw WeirException.user("table '" + table + "': option '" + option + "kind' is "
            + "'sequence', but a " + type.withNullable(true) + (topLevel ? " column" : " element")
            + " cannot be a sequence (numbers and strings can)");
      }
      for (String o : List.of("min", "max", "max-past", "length", "var-len")) {
        refuse(table, option, own, o, "applies to random values, not to a sequence");
      }
      for (String o : List.of("start", "end")) {
        if (!own.containsKey(o)) {
          throw WeirException.user("table '" + table + "': a sequence needs the option '"
              + option + o + "'");
        }
      }
    } else {
      refuse(table, option, own, "start", "applies to sequences; set '" + option
          + "kind' = 'sequence'");
      refuse(table, option, own, "end", "applies to sequences; set '" + option
          + "kind' = 'sequence'");
      boolean numeric = type.isNumeric();
      if (!numeric) {
        refuse(table, option, own, "min", "applies to numbers");
        refuse(table, option, own, "max", "applies to numbers");
      }
      if (k != Kind.STRING && k != Kind.ARRAY) {
        refuse(table, option, own, "length", "applies to strings and arrays");
      }
      if (k != Kind.STRING) {
        refuse(table, option, own, "var-len", "applies to strings");
      }
      if (!type.isTimestamp()) {
        refuse(table, option, own, "max-past", "applies to timestamps");
      }
    }
    if (!element.isEmpty() && k != Kind.ARRAY) {
      throw WeirException.user("table '" + table + "': option '" + option + "element."
          + element.keySet().iterator().next() + "' applies to arrays only");
    }
    double nullRate = 0;
    if (own.containsKey("null-rate")) {
      nullRate = number(table, option + "null-rate", own.get("null-rate"));
      if (!(nullRate >= 0 && nullRate <= 1)) {
        throw WeirException.user("table '" + table + "': option '" + option
            + "null-rate' must lie between 0 and 1, got '" + own.get("null-rate") + "'");
      }
    }
    Column elementColumn = k == Kind.ARRAY
        ? column(table, option + "element.", type.elementType(), element, false) : null;
    Column c = new Column(option, type, sequence, own, nullRate, elementColumn);
    check(table, c); // resolves every number once, so errors surface at CREATE TABLE
    return c;
  }

  private static void refuse(String table, String option, Map<String, String> own, String key,
      String why) {
    if (own.containsKey(key)) {
      throw WeirException.user("table '" + table + "': option '" + option + key + "' "
          + why + " (got '" + own.get(key) + "')");
    }
  }

  private static String optionsFor(DataType type, String option) {
    return "'" + option + "kind', '" + option + "null-rate' and options by kind "
        + FIELD_OPTIONS + (type.kind() == Kind.ARRAY ? ", and '" + option + "element.*'" : "");
  }

  /** Range and order checks; builds a throwaway generator to resolve every number. */
  private static void check(String table, Column c) {
    if (c.sequence()) {
      long start = longOf(table, c, "start");
      long end = longOf(table, c, "end");
      if (start > end) {
        throw WeirException.user("table '" + table + "': option '" + c.option() + "start' ("
            + start + ") is greater than '" + c.option() + "end' (" + end + ")");
      }
      if (c.type().kind() == Kind.INT && (start < Integer.MIN_VALUE || end > Integer.MAX_VALUE)) {
        throw WeirException.user("table '" + table + "': the INT sequence " + c.option()
            + "start/end must lie within the INT range, got " + start + ".." + end);
      }
    }
    generator(table, c, 0);
  }

  /** New generators for one reader, each seeded by its column's position. */
  FieldGenerator[] newGenerators() {
    FieldGenerator[] gens = new FieldGenerator[columns.size()];
    for (int i = 0; i < gens.length; i++) {
      gens[i] = generator(table, columns.get(i), seed(i));
    }
    return gens;
  }

  private static long seed(int column) {
    return 0x5EEDL + 0x9E3779B97F4A7C15L * (column + 1);
  }

  private static FieldGenerator generator(String table, Column c, long seed) {
    DataType type = c.type();
    FieldGenerator g;
    if (c.sequence()) {
      long start = longOf(table, c, "start");
      g = switch (type.kind()) {
        case INT -> new FieldGenerator.IntSequence((int) start);
        case BIGINT -> new FieldGenerator.LongSequence(start);
        case FLOAT -> new FieldGenerator.DoubleSequence(start, true);
        case DOUBLE -> new FieldGenerator.DoubleSequence(start, false);
        case DECIMAL -> new FieldGenerator.DecimalSequence(start, type.scale());
        case STRING -> new FieldGenerator.StringSequence(start);
        default -> throw new IllegalStateException("sequence of " + type);
      };
    } else {
      g = switch (type.kind()) {
        case BOOLEAN -> new FieldGenerator.RandomBoolean(seed);
        case INT -> {
          long min = integer(table, c, "min", Integer.MIN_VALUE);
          long max = integer(table, c, "max", Integer.MAX_VALUE);
          if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
            throw WeirException.user("table '" + table + "': options '" + c.option() + "min'/'"
                + c.option() + "max' must lie within the INT range, got " + min + ".." + max);
          }
          ordered(table, c, min, max);
          yield new FieldGenerator.RandomInt(seed, (int) min, (int) max);
        }
        case BIGINT -> {
          long min = integer(table, c, "min", Long.MIN_VALUE);
          long max = integer(table, c, "max", Long.MAX_VALUE);
          ordered(table, c, min, max);
          yield new FieldGenerator.RandomLong(seed, min, max);
        }
        case FLOAT, DOUBLE -> {
          boolean asFloat = type.kind() == Kind.FLOAT;
          double min = real(table, c, "min", asFloat ? Float.MIN_VALUE : Double.MIN_VALUE);
          double max = real(table, c, "max", asFloat ? Float.MAX_VALUE : Double.MAX_VALUE);
          ordered(table, c, min, max);
          yield new FieldGenerator.RandomDouble(seed, min, max, asFloat);
        }
        case DECIMAL -> {
          int scale = Math.max(type.scale(), 0);
          int precision = type.precision() > 0 ? type.precision() : 38;
          // The largest value the type holds, e.g. 999.99 for DECIMAL(5, 2).
          double largest = new BigDecimal(BigDecimal.ONE.movePointRight(precision - scale)
              .subtract(BigDecimal.ONE.movePointLeft(scale)).toString()).doubleValue();
          double min = Math.max(-largest, real(table, c, "min", Double.MIN_VALUE));
          double max = Math.min(largest, real(table, c, "max", Double.MAX_VALUE));
          ordered(table, c, min, max);
          yield new FieldGenerator.RandomDecimal(seed, min, max, scale);
        }
        case STRING -> {
          int length = (int) integer(table, c, "length", 100);
          if (length < 1 || length > 1_000_000) {
            throw WeirException.user("table '" + table + "': option '" + c.option()
                + "length' must lie between 1 and 1000000, got " + length);
          }
          yield new FieldGenerator.RandomString(seed, length,
              bool(table, c, "var-len"));
        }
        case TIMESTAMP, TIMESTAMP_LTZ -> {
          String past = c.opts().get("max-past");
          long maxPast = past == null ? 0 : Durations.parseMillis(table, c.option() + "max-past",
              past);
          yield new FieldGenerator.RandomTimestamp(seed, maxPast);
        }
        case ARRAY -> {
          int length = (int) integer(table, c, "length", 3);
          if (length < 0 || length > 1_000_000) {
            throw WeirException.user("table '" + table + "': option '" + c.option()
                + "length' must lie between 0 and 1000000, got " + length);
          }
          yield new FieldGenerator.RandomArray(
              generator(table, c.element(), seed * 31 + 17), length);
        }
      };
    }
    return FieldGenerator.withNullRate(g, c.nullRate(), seed);
  }

  private static void ordered(String table, Column c, double min, double max) {
    if (min > max) {
      throw WeirException.user("table '" + table + "': option '" + c.option() + "min' ("
          + c.opts().getOrDefault("min", String.valueOf(min)) + ") is greater than '"
          + c.option() + "max' (" + c.opts().getOrDefault("max", String.valueOf(max)) + ")");
    }
  }

  private static long longOf(String table, Column c, String key) {
    return integer(table, c, key, 0);
  }

  private static long integer(String table, Column c, String key, long defaultValue) {
    String v = c.opts().get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw WeirException.user("table '" + table + "': option '" + c.option() + key
          + "' must be a whole number, got '" + v + "'");
    }
  }

  private static double real(String table, Column c, String key, double defaultValue) {
    String v = c.opts().get(key);
    return v == null ? defaultValue : number(table, c.option() + key, v);
  }

  private static boolean bool(String table, Column c, String key) {
    String v = c.opts().get(key);
    if (v == null) {
      return false;
    }
    if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.trim());
    }
    throw WeirException.user("table '" + table + "': option '" + c.option() + key
        + "' must be true or false, got '" + v + "'");
  }

  private static double number(String table, String option, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw WeirException.user("table '" + table + "': option '" + option
          + "' must be a number, got '" + v + "'");
    }
  }

  private static double positiveNumber(String table, String option, String v) {
    double d = number(table, option, v);
    if (d <= 0) {
      throw WeirException.user("table '" + table + "': option '" + option
          + "' must be positive, got '" + v + "'");
    }
    return d;
  }
}
