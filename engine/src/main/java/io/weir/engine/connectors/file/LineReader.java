package io.weir.engine.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a {@code \r} before it is dropped; the
 * last line may lack its {@code \n}), without decoding them. A line lies in {@link #bytes()} at
 * {@link #offset()} for {@link #length()} bytes until the next call to {@link #next()}; most lines
 * are not copied. Not thread-safe; the caller closes the stream.
 */
final class LineReader {
  private final InputStream in;
  private byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] line = buf;
  private int lineOffset;
  private int lineLength;
  private long lineNumber;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          set(pos, i);
          pos = i + 1;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) {
          set(pos, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void set(int from, int newline) {
    int end = newline;
    if (end > from && buf[end - 1] == '\r') {
      end--;
    }
    line = buf;
    lineOffset = from;
    lineLength = end - from;
    lineNumber++;
  }

  /** Keeps the unread tail, reads more behind it (growing the buffer for a long line). */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  byte[] bytes() {
    return line;
  }

  int offset() {
    return lineOffset;
  }

  int length() {
    return lineLength;
  }

  /** The 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** Whether the current line holds only spaces and tabs (or nothing). */
  boolean isBlank() {
    for (int i = lineOffset; i < lineOffset + lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
