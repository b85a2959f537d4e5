package io.weir.engine.sql.ddl;

import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flink's {@code ARRAY<T>} / {@code ARRAY<T NOT NULL>}: the same type as Calcite's
 * {@code T ARRAY}, printed back in the Flink form so that element nullability survives a round
 * trip.
 */
public final class SqlArrayTypeNameSpec extends SqlCollectionTypeNameSpec {

  private final boolean elementNullable;

  public SqlArrayTypeNameSpec(SqlTypeNameSpec elementTypeName, boolean elementNullable,
      SqlParserPos pos) {
    super(elementTypeName, elementNullable, SqlTypeName.ARRAY, pos);
    this.elementNullable = elementNullable;
  }

  /** False when the element type was declared {@code NOT NULL}. */
  public boolean isElementNullable() {
    return elementNullable;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ARRAY");
    writer.setNeedWhitespace(false);
    writer.print("<");
    getElementTypeName().unparse(writer, leftPrec, rightPrec);
    if (!elementNullable) {
      writer.keyword("NOT NULL");
    }
    writer.setNeedWhitespace(false);
    writer.print(">");
    writer.setNeedWhitespace(true);
  }
}
