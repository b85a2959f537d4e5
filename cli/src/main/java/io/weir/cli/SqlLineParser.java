package io.weir.cli;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * The shell's line parser: a line is accepted only when its SQL is complete — it ends with a
 * {@code ;} outside quotes and comments — or is a shell command ({@code quit}, {@code exit},
 * {@code help}); otherwise JLine asks for another line (multi-line statements). For completion it
 * reports the identifier under the cursor as the word. Stateless.
 */
final class SqlLineParser implements Parser {
  static final List<String> SHELL_COMMANDS = List.of("quit", "exit", "help", "\\q", "\\h", "\\?");

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !isComplete(line)) {
      throw new EOFError(-1, -1, "the statement does not end with ';' yet", "statement");
    }
    int start = Math.min(cursor, line.length());
    while (start > 0 && isWordChar(line.charAt(start - 1))) {
      start--;
    }
    String word = line.substring(start, Math.min(cursor, line.length()));
    return new SqlParsedLine(line, cursor, word, cursor - start);
  }

  /** Whether {@code text} is a shell command, blank, or SQL that ends with {@code ;}. */
  static boolean isComplete(String text) {
    String t = text.strip();
    if (t.isEmpty() || isShellCommand(t)) {
      return true;
    }
    return endsWithSemicolon(text);
  }

  static boolean isShellCommand(String text) {
    String t = text.strip();
    if (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return SHELL_COMMANDS.contains(t.toLowerCase());
  }

  /** True when the last character outside strings, quoted names and comments is {@code ;}. */
  static boolean endsWithSemicolon(String sql) {
    char last = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(sql, i + 1, c);
        if (end < 0) {
          return false;
        }
        last = c;
        i = end + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else {
        if (!Character.isWhitespace(c)) {
          last = c;
        }
        i++;
      }
    }
    return last == ';';
  }

  /** The index of the quote closing one opened before {@code from} (a doubled quote escapes). */
  private static int closing(String s, int from, char quote) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  /** The line with the word under the cursor. */
  private record SqlParsedLine(String line, int cursor, String word, int wordCursor)
      implements CompletingParsedLine {
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }

    @Override
    public int wordIndex() {
      return 0;
    }

    @Override
    public List<String> words() {
      return List.of(word);
    }
  }
}
