package io.weir.engine.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import org.junit.jupiter.api.Test;

/** Parse errors: short messages and the right line and column, also deep inside scripts. */
class WeirSqlParserErrorTest {

  private static WeirException scriptError(String script) {
    return assertThrows(WeirException.class, () -> WeirSqlParser.parseScript(script));
  }

  private static void assertAt(WeirException e, int line, int column) {
    assertEquals(WeirException.Kind.USER, e.kind(), e::toString);
    assertEquals(line, e.line(), e::toString);
    assertEquals(column, e.column(), e::toString);
  }

  @Test
  void errorInThirdStatementReportsItsLine() {
    WeirException e = scriptError("SHOW TABLES;\nSHOW VIEWS;\nSELECT * FROM t WHERE AND x");
    assertAt(e, 3, 23);
    assertTrue(e.getMessage().startsWith("Encountered \"AND\" at line 3, column 23."), e::toString);
  }

  @Test
  void misspelledKeywordNamesTheTokenAndListsAFewExpectations() {
    WeirException e = scriptError("SELECT a\n  FROM t\n WHER x = 1");
    // WHER is taken as an alias of t; the parser stumbles on x.
    assertAt(e, 3, 7);
    assertTrue(e.getMessage().startsWith("Encountered \"x\" at line 3, column 7."), e::toString);
    String expected = e.getMessage().substring(e.getMessage().indexOf("Was expecting one of: "));
    assertTrue(expected.contains("<EOF>"), expected);
    assertTrue(expected.matches(".*… \\(\\d+ more\\)$"), expected);
    assertTrue(expected.length() < 120, expected);
  }

  @Test
  void endOfInputIsReportedAfterTheLastToken() {
    WeirException e = scriptError("SELECT a,\n  b FROM t WHERE");
    assertAt(e, 2, 17);
    assertTrue(
        e.getMessage().startsWith("Encountered end of input at line 2, column 17."), e::toString);
    assertTrue(e.getMessage().contains("<IDENTIFIER>"), e::toString);
  }

  @Test
  void reservedKeywordInPlaceOfAnExpression() {
    WeirException e = scriptError("INSERT INTO sink\nSELECT FROM t");
    assertAt(e, 2, 8);
    assertTrue(e.getMessage().startsWith("Encountered \"FROM\" at line 2, column 8."), e::toString);
  }

  @Test
  void lexicalErrorsNameTheCharacter() {
    WeirException e = scriptError("SELECT 1;\nSELECT a # b FROM t");
    assertAt(e, 2, 10);
    assertEquals("Lexical error at line 2, column 10: unexpected character '#'", e.getMessage());
  }

  @Test
  void unterminatedTextPointsAtItsStart() {
    WeirException identifier = scriptError("SELECT 1;\nSELECT `abc FROM t");
    assertAt(identifier, 2, 8);
    assertTrue(identifier.getMessage().contains("unterminated quoted identifier"), identifier::toString);

    WeirException comment = scriptError("SELECT 1 /* never closed\n FROM t");
    assertAt(comment, 1, 10);
    assertTrue(comment.getMessage().contains("unterminated comment"), comment::toString);

    WeirException string = scriptError("SELECT 1;\n\nSELECT 'abc FROM t");
    assertAt(string, 3, 8);
    assertTrue(string.getMessage().contains("unterminated string"), string::toString);
  }

  @Test
  void ddlRulesArePositioned() {
    WeirException duplicate = scriptError("CREATE TABLE t (\n  a INT,\n  a BIGINT)");
    assertAt(duplicate, 3, 3);
    assertEquals("Duplicate column 'a' in table t", duplicate.getMessage());

    WeirException watermark =
        scriptError("CREATE TABLE t (a INT,\n WATERMARK FOR b AS b - INTERVAL '1' SECOND)");
    assertAt(watermark, 2, 16);
    assertEquals(
        "WATERMARK FOR names unknown column 'b'; the columns are a", watermark.getMessage());

    WeirException twoWatermarks =
        scriptError(
            "CREATE TABLE t (a TIMESTAMP(3), WATERMARK FOR a AS a, WATERMARK FOR a AS a)");
    assertAt(twoWatermarks, 1, 55);

    WeirException key = scriptError("CREATE TABLE t (a INT, PRIMARY KEY (b) NOT ENFORCED)");
    assertAt(key, 1, 37);
    assertTrue(key.getMessage().startsWith("PRIMARY KEY names unknown column 'b'"));

    WeirException twoKeys =
        scriptError("CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a))");
    assertAt(twoKeys, 1, 49);

    WeirException partition = scriptError("CREATE TABLE t (a INT) PARTITIONED BY (c)");
    assertAt(partition, 1, 40);

    WeirException option =
        scriptError("CREATE TABLE t (a INT) WITH (\n 'topic' = 'x',\n 'topic' = 'y')");
    assertAt(option, 3, 2);
    assertEquals("Duplicate option 'topic'", option.getMessage());

    WeirException language = scriptError("CREATE FUNCTION f AS 'a.B' LANGUAGE PYTHON");
    assertAt(language, 1, 37);
    assertEquals(
        "Unsupported function language 'PYTHON'; only JAVA is supported", language.getMessage());
  }

  @Test
  void optionValuesMustBeStrings() {
    WeirException e = scriptError("CREATE TABLE t (a INT) WITH ('x' = 1)");
    assertAt(e, 1, 36);
    assertEquals(
        "Encountered \"1\" at line 1, column 36. Was expecting one of: <QUOTED_STRING>",
        e.getMessage());
  }

  @Test
  void parseStatementWantsExactlyOne() {
    WeirException two =
        assertThrows(WeirException.class, () -> WeirSqlParser.parseStatement("SELECT 1;\nSELECT 2"));
    assertAt(two, 2, 1);
    assertEquals("Expected one SQL statement, found 2", two.getMessage());

    WeirException none =
        assertThrows(WeirException.class, () -> WeirSqlParser.parseStatement(" -- nothing"));
    assertAt(none, 1, 1);

    assertEquals(
        "SELECT 1", WeirSqlParser.toSql(WeirSqlParser.parseStatement("SELECT 1;")));
  }

  @Test
  void expressionErrors() {
    WeirException e =
        assertThrows(WeirException.class, () -> WeirSqlParser.parseExpression("a + )"));
    assertAt(e, 1, 5);
    assertTrue(e.getMessage().startsWith("Encountered \")\" at line 1, column 5."), e::toString);
  }
}
