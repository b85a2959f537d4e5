package io.weir.engine.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
      int i = newline(buf, pos, limit);
      if (i >= 0) {
        set(pos, i);
        pos = i + 1;
        return true;
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

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  /**
   * The index of the first {@code \n} in {@code b[from, to)}, or -1: eight bytes at a time (a
   * byte of {@code word ^ NEWLINES} is zero where a newline is; the lowest flagged byte of the
   * classic zero-byte test is exact), the tail byte by byte.
   */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
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
