package io.weir.engine.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.api.Test;

/**
 * What the parser produces is what Calcite's validator expects: the windowing table functions
 * and legacy group windows validate under the parser's conformance, and the Flink type names
 * derive the intended types.
 */
class WeirSqlParserValidationTest {

  private static SqlValidator validator() {
    JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
    CalciteSchema root = CalciteSchema.createRootSchema(false);
    root.add(
        "bid",
        new AbstractTable() {
          @Override
          public RelDataType getRowType(RelDataTypeFactory factory) {
            return factory
                .builder()
                .add("auction", SqlTypeName.BIGINT)
                .add("price", SqlTypeName.BIGINT)
                .add("ts", SqlTypeName.TIMESTAMP, 3)
                .build();
          }
        });
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    CalciteCatalogReader catalog =
        new CalciteCatalogReader(
            root, List.of(), typeFactory, new CalciteConnectionConfigImpl(properties));
    return SqlValidatorUtil.newValidator(
        SqlStdOperatorTable.instance(),
        catalog,
        typeFactory,
        SqlValidator.Config.DEFAULT.withConformance(WeirSqlParser.config().conformance()));
  }

  private static List<String> validatedFields(String sql) {
    SqlValidator validator = validator();
    SqlNode validated = validator.validate(WeirSqlParser.parseStatement(sql));
    return validator.getValidatedNodeType(validated).getFieldList().stream()
        .map(f -> f.getName() + " " + f.getType().getFullTypeString())
        .toList();
  }

  @Test
  void hopTableFunctionValidates() {
    assertEquals(
        List.of(
            "auction BIGINT NOT NULL",
            "window_start TIMESTAMP(3) NOT NULL",
            "window_end TIMESTAMP(3) NOT NULL",
            "cnt BIGINT NOT NULL"),
        validatedFields(
            "SELECT auction, window_start, window_end, COUNT(*) AS cnt FROM TABLE(HOP(TABLE bid,"
                + " DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
                + " GROUP BY auction, window_start, window_end"));
  }

  @Test
  void namedArgumentHopAndTumbleValidate() {
    assertEquals(
        5,
        validatedFields(
                "SELECT * FROM TABLE(HOP(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts),"
                    + " SLIDE => INTERVAL '2' SECOND, SIZE => INTERVAL '10' SECOND))")
            .size());
    assertEquals(
        List.of("window_end TIMESTAMP(3) NOT NULL", "total BIGINT NOT NULL"),
        validatedFields(
            "SELECT window_end, SUM(price) AS total FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts),"
                + " INTERVAL '10' SECOND)) GROUP BY window_start, window_end"));
  }

  @Test
  void legacyGroupWindowsValidate() {
    assertEquals(
        List.of(
            "ws TIMESTAMP(3) NOT NULL",
            "we TIMESTAMP(3) NOT NULL",
            "auction BIGINT NOT NULL",
            "cnt BIGINT NOT NULL"),
        validatedFields(
            "SELECT HOP_START(ts, INTERVAL '2' SECOND, INTERVAL '10' SECOND) AS ws,"
                + " HOP_END(ts, INTERVAL '2' SECOND, INTERVAL '10' SECOND) AS we, auction,"
                + " COUNT(*) AS cnt FROM bid"
                + " GROUP BY HOP(ts, INTERVAL '2' SECOND, INTERVAL '10' SECOND), auction"));
    assertEquals(
        List.of("ws TIMESTAMP(3) NOT NULL", "we TIMESTAMP(3) NOT NULL"),
        validatedFields(
            "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE) AS ws,"
                + " TUMBLE_END(ts, INTERVAL '1' MINUTE) AS we FROM bid"
                + " GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)"));
  }

  @Test
  void flinkTypeNamesDeriveTheirTypes() {
    List<String> fields =
        validatedFields(
            "SELECT CAST(price AS STRING) AS s, CAST(ts AS TIMESTAMP_LTZ(3)) AS ltz,"
                + " CAST(ARRAY[price] AS ARRAY<BIGINT>) AS arr, CAST(x'00' AS BYTES) AS b"
                + " FROM bid");
    // Calcite's default type system caps VARCHAR/VARBINARY at 65536; a planner that wants
    // Flink's 2^31-1 configures its own RelDataTypeSystem.
    assertEquals(
        List.of(
            "s VARCHAR(65536) NOT NULL",
            "ltz TIMESTAMP_WITH_LOCAL_TIME_ZONE(3) NOT NULL",
            // CAST keeps the operand's (non-null) element type.
            "arr BIGINT NOT NULL ARRAY NOT NULL",
            "b VARBINARY(65536) NOT NULL"),
        fields);
  }
}
