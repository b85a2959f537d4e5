package io.weir.engine.connectors.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a row as one compact JSON object, byte for byte as Flink's json format does
 * ({@code RowDataToJsonConverters} serialized by Jackson), with a reused streaming generator.
 *
 * <ul>
 *   <li>Fields in schema order, named as the columns; null columns as {@code null}, or left out
 *       with {@code encode.ignore-null-fields}; array elements keep their nulls.
 *   <li>BOOLEAN {@code true}; INT/BIGINT as integers; FLOAT/DOUBLE as Jackson writes a Java
 *       float/double ({@code 1.5}, {@code 1.0E10}, {@code "NaN"}); DECIMAL as a JSON number at the
 *       column's scale ({@code 12.50} for DECIMAL(10, 2), possibly {@code 2.7E-8} unless {@code
 *       encode.decimal-as-plain-number}); STRING escaped as Jackson escapes it (non-ASCII as UTF-8
 *       bytes); ARRAY as a JSON array.
 *   <li>TIMESTAMP as {@code "2024-01-01 12:00:00"} / {@code "2024-01-01 12:00:00.5"} (SQL, the
 *       default) or {@code "2024-01-01T12:00:00.5"} (ISO-8601): the fraction has as few digits as
 *       it needs and disappears when zero, as Flink's {@code TimeFormats} write it.
 *       TIMESTAMP_LTZ the same in UTC with a literal {@code Z}: {@code "2024-01-01 12:00:00Z"}.
 * </ul>
 *
 * <p>One instance per writer; not thread-safe. A value of the wrong Java class for its column
 * is a bug upstream: {@link #encode} throws an internal {@link WeirException} naming the column.
 */
public final class JsonRowEncoder implements RowEncoder {
  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private final Schema schema;
  private final JsonFormatOptions options;
  private final boolean iso;
  private final SerializedString[] names;
  private final DataType[] types;
  private final Buffer buffer = new Buffer();
  private final char[] chars = new char[TimestampText.MAX_FAST_LENGTH];
  private JsonGenerator generator;

  public JsonRowEncoder(Schema schema, JsonFormatOptions options) {
    this.schema = schema;
    this.options = options;
    this.iso = options.timestampStandard() == JsonFormatOptions.TimestampStandard.ISO_8601;
    int n = schema.size();
    names = new SerializedString[n];
    types = new DataType[n];
    for (int i = 0; i < n; i++) {
      names[i] = new SerializedString(schema.field(i).name());
      types[i] = schema.field(i).type();
    }
  }

  public Schema schema() {
    return schema;
  }

  @Override
  public byte[] encode(Object[] row) {
    try {
      JsonGenerator g = generator();
      g.writeStartObject();
      for (int i = 0; i < names.length; i++) {
        Object v = row[i];
        if (v == null) {
          if (!options.ignoreNullFields()) {
            g.writeFieldName(names[i]);
            g.writeNull();
          }
          continue;
        }
        g.writeFieldName(names[i]);
        write(g, types[i], v, i);
      }
      g.writeEndObject();
      g.flush();
      return buffer.take();
    } catch (IOException | RuntimeException e) {
      // The generator may be half-way through an object: start afresh next time.
      generator = null;
      buffer.reset();
      if (e instanceof WeirException w) {
        throw w;
      }
      throw WeirException.internal("cannot write row " + Arrays.deepToString(row)
          + " as JSON: " + e.getMessage(), e);
    }
  }

  private JsonGenerator generator() throws IOException {
    if (generator == null) {
      generator = FACTORY.createGenerator(buffer);
      if (options.decimalAsPlainNumber()) {
        generator.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      }
    }
    return generator;
  }

  private void write(JsonGenerator g, DataType type, Object v, int column) throws IOException {
    try {
      switch (type.kind()) {
        case BOOLEAN -> g.writeBoolean((Boolean) v);
        case INT -> g.writeNumber((Integer) v);
        case BIGINT -> g.writeNumber((Long) v);
        case FLOAT -> g.writeNumber((Float) v);
        case DOUBLE -> g.writeNumber((Double) v);
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          if (type.scale() >= 0 && d.scale() != type.scale()) {
            d = d.setScale(type.scale(), RoundingMode.HALF_UP);
          }
          g.writeNumber(d);
        }
        case STRING -> g.writeString((String) v);
        case TIMESTAMP, TIMESTAMP_LTZ -> {
          long millis = (Long) v;
          boolean ltz = type.kind() == DataType.Kind.TIMESTAMP_LTZ;
          int n = TimestampText.format(millis, iso, ltz, chars);
          if (n >= 0) {
            g.writeString(chars, 0, n);
          } else {
            g.writeString(TimestampText.formatSlow(millis, iso, ltz));
          }
        }
        case ARRAY -> {
          List<?> list = (List<?>) v;
          DataType element = type.elementType();
          g.writeStartArray();
          for (Object e : list) {
            if (e == null) {
              g.writeNull();
            } else {
              write(g, element, e, column);
            }
          }
          g.writeEndArray();
        }
        default -> throw new IllegalStateException("unsupported type " + type);
      }
    } catch (ClassCastException e) {
      throw WeirException.internal("column '" + schema.field(column).name() + "' of type "
          + type + " holds a " + v.getClass().getSimpleName() + " (" + v + ")", e);
    }
  }

  /** A growable byte sink whose content is taken after each record. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int size;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    byte[] take() {
      byte[] out = Arrays.copyOf(bytes, size);
      size = 0;
      return out;
    }

    void reset() {
      size = 0;
    }
  }
}
