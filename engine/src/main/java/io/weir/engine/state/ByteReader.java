package io.weir.engine.state;

import io.weir.engine.errors.WeirException;

/**
 * Reads what a {@link ByteWriter} wrote, from a byte array and a position. Reading past the end
 * throws an INTERNAL {@link WeirException} (corrupt state is a bug, not user input). Not
 * thread-safe.
 */
public final class ByteReader {
  private byte[] buf;
  private int pos;
  private int limit;

  public ByteReader(byte[] bytes) {
    reset(bytes);
  }

  /** Starts reading {@code bytes} from the beginning. */
  public ByteReader reset(byte[] bytes) {
    return reset(bytes, 0, bytes.length);
  }

  public ByteReader reset(byte[] bytes, int from, int length) {
    this.buf = bytes;
    this.pos = from;
    this.limit = from + length;
    return this;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return limit - pos;
  }

  public boolean hasRemaining() {
    return pos < limit;
  }

  /** The next byte, unsigned (0..255). */
  public int getByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  /** The next byte without consuming it, unsigned. */
  public int peekByte() {
    need(1);
    return buf[pos] & 0xFF;
  }

  public byte[] getBytes(int length) {
    need(length);
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  public int getInt() {
    need(4);
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
        | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long getLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  public long getVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = getByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw WeirException.internal("corrupt state: a varint longer than 10 bytes at position " + pos,
        null);
  }

  public byte[] getLengthPrefixed() {
    long n = getVarLong();
    if (n < 0 || n > remaining()) {
      throw WeirException.internal("corrupt state: length " + n + " at position " + pos
          + " exceeds the " + remaining() + " bytes left", null);
    }
    return getBytes((int) n);
  }

  private void need(int n) {
    if (pos + n > limit) {
      throw WeirException.internal("corrupt state: needed " + n + " bytes at position " + pos
          + " but only " + (limit - pos) + " are left", null);
    }
  }
}
