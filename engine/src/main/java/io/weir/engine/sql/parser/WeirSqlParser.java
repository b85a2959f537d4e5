package io.weir.engine.sql.parser;

import io.weir.engine.errors.WeirException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.config.Lex;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.util.SourceStringReader;

/**
 * Weir's SQL parser: Calcite's grammar with Flink-dialect DDL ({@code CREATE TABLE … WITH (…)},
 * {@code WATERMARK FOR}, views, functions), utility statements ({@code SHOW}, {@code DESCRIBE},
 * {@code SET}, {@code RESET}, {@code STOP QUERY}, {@code EXPLAIN}) and Flink type names
 * ({@code STRING}, {@code BYTES}, {@code TIMESTAMP_LTZ(p)}, {@code ARRAY<T>}). The grammar is
 * generated at build time into {@link WeirSqlParserImpl}; this class is the way to call it.
 *
 * <p>Lexical policy as in Flink ({@link Lex#JAVA}): identifiers are quoted with back-ticks and
 * kept exactly as written, unquoted or not, and matched case-sensitively.
 *
 * <p>Every method is static and thread-safe (each call uses its own generated parser). Bad SQL
 * fails with a {@link WeirException} of kind {@code USER} whose line and column (1-based, over
 * the whole text given) point at the offending text; the message is short, such as {@code
 * Encountered "FROMM" at line 2, column 8. Was expecting one of: …} with at most {@value
 * #MAX_EXPECTED} expected tokens. A failure of the parser itself is an {@code INTERNAL}
 * WeirException.
 */
public final class WeirSqlParser {

  /** How many expected tokens an error message lists at most. */
  public static final int MAX_EXPECTED = 8;

  private static final int IDENTIFIER_MAX_LENGTH = 1024;

  private static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withLex(Lex.JAVA)
          .withConformance(SqlConformanceEnum.DEFAULT)
          .withParserFactory(WeirSqlParserImpl.FACTORY)
          .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH);

  /** Prints back-ticked identifiers and keeps their case, so that printed SQL parses back. */
  private static final SqlDialect DIALECT = new WeirSqlDialect();

  /** JavaCC's TokenMgrError message: the position, the character (or end of input), the text before it. */
  private static final Pattern LEXICAL_ERROR =
      Pattern.compile(
          "(?s)Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: "
              + "(<EOF> |\"(.*)\" \\(\\d+\\), )after : \"(.*)\"");

  /** Token classes listed first in expected-token lists, in this order. */
  private static final List<String> COMMON_TOKEN_CLASSES =
      List.of(
          "<EOF>",
          "<IDENTIFIER>",
          "<QUOTED_STRING>",
          "<UNSIGNED_INTEGER_LITERAL>",
          "<DECIMAL_NUMERIC_LITERAL>");

  /** Token classes that cannot occur under {@link Lex#JAVA}; left out of expected-token lists. */
  private static final Set<String> FOREIGN_TOKEN_CLASSES =
      Set.of(
          "<BIG_QUERY_DOUBLE_QUOTED_STRING>",
          "<BIG_QUERY_QUOTED_STRING>",
          "<BIG_QUERY_BACK_QUOTED_IDENTIFIER>",
          "<BRACKET_QUOTED_IDENTIFIER>",
          "<QUOTED_IDENTIFIER>",
          "<UNICODE_QUOTED_IDENTIFIER>",
          "<HYPHENATED_IDENTIFIER>");

  private WeirSqlParser() {}

  /**
   * The parser configuration: Flink's lexical policy, Calcite's default conformance (enough for
   * the windowing table functions), {@link WeirSqlParserImpl#FACTORY}. For callers that build
   * their own Calcite {@code Planner} or {@code SqlParser}.
   */
  public static SqlParser.Config config() {
    return CONFIG;
  }

  /**
   * A dialect for printing trees back as SQL this parser reads: back-tick quoting, identifiers'
   * case kept.
   */
  public static SqlDialect dialect() {
    return DIALECT;
  }

  /**
   * Parses a script: statements separated by {@code ;}, with an optional trailing {@code ;};
   * empty statements are skipped, {@code --} and {@code /* *}{@code /} comments are allowed
   * anywhere. Returns the statements in order with their exact text and position; an empty
   * script gives an empty list.
   *
   * @throws WeirException (USER) at the position of the first syntax error
   */
  public static List<ParsedStatement> parseScript(String script) {
    List<WeirRawStatement> raw = run(script, WeirSqlParserImpl::WeirStmtList);
    LineIndex index = new LineIndex(script);
    List<ParsedStatement> statements = new ArrayList<>(raw.size());
    for (WeirRawStatement statement : raw) {
      int start = index.offset(statement.first().beginLine, statement.first().beginColumn);
      int end = index.offset(statement.last().endLine, statement.last().endColumn) + 1;
      statements.add(
          new ParsedStatement(
              statement.node(),
              script.substring(start, end),
              statement.first().beginLine,
              statement.first().beginColumn));
    }
    return List.copyOf(statements);
  }

  /**
   * Parses exactly one statement; a trailing {@code ;} is allowed.
   *
   * @throws WeirException (USER) on a syntax error, on an empty text and on more than one
   *     statement
   */
  public static SqlNode parseStatement(String sql) {
    List<ParsedStatement> statements = parseScript(sql);
    if (statements.isEmpty()) {
      throw WeirException.sql("Expected a SQL statement, found none", 1, 1);
    }
    if (statements.size() > 1) {
      ParsedStatement second = statements.get(1);
      throw WeirException.sql(
          "Expected one SQL statement, found " + statements.size(),
          second.line(),
          second.column());
    }
    return statements.get(0).node();
  }

  /**
   * Parses a scalar expression, such as {@code price * 2} or {@code ts - INTERVAL '5' SECOND}.
   *
   * @throws WeirException (USER) on a syntax error
   */
  public static SqlNode parseExpression(String expression) {
    return run(expression, WeirSqlParserImpl::SqlExpressionEof);
  }

  /** Prints a tree as SQL that {@link #parseStatement} reads back to an equal tree. */
  public static String toSql(SqlNode node) {
    return node.toSqlString(DIALECT).getSql();
  }

  /** A step of the generated parser, which throws its own checked exception. */
  @FunctionalInterface
  private interface Production<T> {
    T parse(WeirSqlParserImpl parser) throws ParseException;
  }

  private static <T> T run(String text, Production<T> production) {
    // The factory sizes the input buffer to the text, which fails for an empty text.
    WeirSqlParserImpl parser =
        text.isEmpty()
            ? new WeirSqlParserImpl(new StringReader(text))
            : (WeirSqlParserImpl) CONFIG.parserFactory().getParser(new SourceStringReader(text));
    // As org.apache.calcite.sql.parser.SqlParser configures it.
    parser.setTabSize(1);
    parser.setQuotedCasing(CONFIG.quotedCasing());
    parser.setUnquotedCasing(CONFIG.unquotedCasing());
    parser.setIdentifierMaxLength(CONFIG.identifierMaxLength());
    parser.setTimeUnitCodes(CONFIG.timeUnitCodes());
    parser.setConformance(CONFIG.conformance());
    parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
    try {
      return production.parse(parser);
    } catch (ParseException | TokenMgrError | CalciteException e) {
      throw toWeirException(parser.normalizeException(e), e, text);
    } catch (RuntimeException e) {
      throw WeirException.internal("The SQL parser failed unexpectedly: " + e, e);
    }
  }

  /** Turns the generated parser's error into a short, positioned user error. */
  private static WeirException toWeirException(SqlParseException e, Throwable raw, String text) {
    if (raw instanceof TokenMgrError) {
      return lexicalError(raw.getMessage(), text);
    }
    SqlParserPos pos = e.getPos();
    if (raw instanceof ParseException pex && pex.currentToken != null) {
      return syntaxError(pex);
    }
    // A rule broken inside a production (identifier too long, duplicate column, ...).
    String message = firstLine(e.getMessage());
    if (pos == null || pos.getLineNum() == 0) {
      return WeirException.user(message);
    }
    return WeirException.sql(message, pos.getLineNum(), pos.getColumnNum());
  }

  /**
   * A syntax error at the token where the parse really failed. JavaCC reports the token after the
   * last one consumed, but with two-token look-ahead the failure can be one token later (in
   * {@code a + )} the {@code +} is fine and {@code )} is not): the expected sequences say which.
   */
  private static WeirException syntaxError(ParseException pex) {
    Token previous = pex.currentToken;
    Token failed = previous.next;
    Set<String> expected = new LinkedHashSet<>();
    int[][] sequences = pex.expectedTokenSequences;
    if (sequences != null && failed != null) {
      int best = 0;
      int[] matched = new int[sequences.length];
      for (int i = 0; i < sequences.length; i++) {
        Token t = failed;
        int k = 0;
        while (k < sequences[i].length - 1 && t != null && t.kind == sequences[i][k]) {
          k++;
          t = t.next;
        }
        matched[i] = k;
        best = Math.max(best, k);
      }
      for (int i = 0; i < sequences.length; i++) {
        if (matched[i] == best && sequences[i].length > best) {
          expected.add(pex.tokenImage[sequences[i][best]]);
        }
      }
      for (int k = 0; k < best && failed.next != null; k++) {
        previous = failed;
        failed = failed.next;
      }
    }
    int line;
    int column;
    String encountered;
    if (failed == null || failed.kind == WeirSqlParserImplConstants.EOF) {
      boolean atStart = previous.endLine == 0;
      line = atStart ? 1 : previous.endLine;
      column = atStart ? 1 : previous.endColumn + 1;
      encountered = "end of input";
    } else {
      line = failed.beginLine;
      column = failed.beginColumn;
      encountered = "\"" + failed.image + "\""
          + (failed.image.equals("'") ? " (an unterminated string?)" : "");
    }
    StringBuilder message = new StringBuilder()
        .append("Encountered ").append(encountered)
        .append(" at line ").append(line).append(", column ").append(column).append('.');
    String list = expected(expected);
    if (!list.isEmpty()) {
      message.append(" Was expecting one of: ").append(list);
    }
    return WeirException.sql(message.toString(), line, column);
  }

  private static WeirException lexicalError(String raw, String text) {
    Matcher m = LEXICAL_ERROR.matcher(raw);
    if (!m.matches()) {
      return WeirException.user(firstLine(raw));
    }
    int line = Integer.parseInt(m.group(1));
    int column = Integer.parseInt(m.group(2));
    if (m.group(3).startsWith("<EOF>")) {
      // Unterminated text at the end: point at where it starts when we can tell.
      String unterminated = unescape(m.group(5));
      int start = unterminated.isEmpty() ? text.lastIndexOf("/*") : text.lastIndexOf(unterminated);
      if (start < 0) {
        return WeirException.sql(
            "Lexical error at line " + line + ", column " + column + ": unexpected end of input",
            line,
            column);
      }
      int[] lineColumn = new LineIndex(text).lineColumn(start);
      String what = unterminated.isEmpty() ? "comment" : describe(unterminated);
      return WeirException.sql(
          "Lexical error at line " + lineColumn[0] + ", column " + lineColumn[1]
              + ": unterminated " + what + " runs to the end of the input",
          lineColumn[0],
          lineColumn[1]);
    }
    return WeirException.sql(
        "Lexical error at line " + line + ", column " + column + ": unexpected character '"
            + unescape(m.group(4)) + "'",
        line,
        column);
  }

  private static String describe(String unterminated) {
    if (unterminated.startsWith("`") || unterminated.startsWith("\"")) {
      return "quoted identifier " + abbreviate(unterminated);
    }
    return "string " + abbreviate(unterminated);
  }

  private static String abbreviate(String s) {
    String firstLine = firstLine(s);
    return firstLine.length() > 20 ? firstLine.substring(0, 20) + "…" : firstLine;
  }

  /** Undoes JavaCC's TokenMgrError.addEscapes for the common escapes. */
  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (i + 4 < s.length()) {
              sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              i += 4;
            } else {
              sb.append("\\u");
            }
          }
          default -> sb.append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The expected tokens, most useful first: end of input, the common token classes (identifier,
   * string, number), punctuation, keywords, then the rarer token classes; at most
   * {@value #MAX_EXPECTED}.
   */
  private static String expected(Collection<String> names) {
    Set<String> unique = new LinkedHashSet<>(names);
    List<String> first = new ArrayList<>();
    List<String> punctuation = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    List<String> rare = new ArrayList<>();
    for (String common : COMMON_TOKEN_CLASSES) {
      if (unique.contains(common)) {
        first.add(common);
      }
    }
    for (String name : unique) {
      if (COMMON_TOKEN_CLASSES.contains(name) || FOREIGN_TOKEN_CLASSES.contains(name)) {
        continue;
      }
      if (name.startsWith("<")) {
        rare.add(name);
      } else if (name.length() > 2 && Character.isLetter(name.charAt(1))) {
        keywords.add(name);
      } else {
        punctuation.add(name);
      }
    }
    List<String> ordered = new ArrayList<>(first);
    ordered.addAll(punctuation);
    ordered.addAll(keywords);
    ordered.addAll(rare);
    if (ordered.size() <= MAX_EXPECTED) {
      return String.join(", ", ordered);
    }
    return String.join(", ", ordered.subList(0, MAX_EXPECTED))
        + ", … (" + (ordered.size() - MAX_EXPECTED) + " more)";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "Syntax error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  /**
   * Maps the generated parser's 1-based line and column to offsets in the text, counting line
   * ends as JavaCC does: {@code \n}, {@code \r\n} and a lone {@code \r}; a tab is one column.
   */
  private static final class LineIndex {
    private final String text;
    private final int[] lineStarts;

    LineIndex(String text) {
      this.text = text;
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          starts.add(i + 1);
        }
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int offset(int line, int column) {
      int lineIndex = Math.min(Math.max(line, 1), lineStarts.length) - 1;
      return Math.min(lineStarts[lineIndex] + Math.max(column, 1) - 1, text.length());
    }

    int[] lineColumn(int offset) {
      int line = 0;
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
        line++;
      }
      return new int[] {line + 1, offset - lineStarts[line] + 1};
    }
  }
}
