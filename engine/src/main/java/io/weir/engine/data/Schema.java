package io.weir.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a row, in order. A row is an {@code Object[]} whose i-th value belongs to the
 * i-th field and has the Java class {@link DataType} fixes for its kind.
 */
public record Schema(List<Field> fields) {
  public Schema {
    fields = List.copyOf(fields);
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  public int size() {
    return fields.size();
  }

  public Field field(int i) {
    return fields.get(i);
  }

  /** The position of a column, matched case-insensitively as in Flink SQL, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(fields.size());
    for (Field f : fields) {
      names.add(f.name());
    }
    return names;
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
