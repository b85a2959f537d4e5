package io.weir.engine.state;

import java.util.Arrays;

/**
 * A growable byte buffer that serializers write into and reuse: {@link #reset} between values,
 * {@link #toByteArray} to take a copy. Multi-byte numbers are big-endian. Not thread-safe.
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter() {
    this(64);
  }

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(8, initialCapacity)];
  }

  /** Forgets what was written; keeps the buffer. */
  public ByteWriter reset() {
    size = 0;
    return this;
  }

  public int size() {
    return size;
  }

  /**
   * The internal buffer: its first {@link #size} bytes are what was written since the last
   * {@link #reset}. Valid until the next write; for callers that only look (hash, compare).
   */
  public byte[] buffer() {
    return buf;
  }

  /** A copy of the bytes written since the last {@link #reset}. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public ByteWriter putByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  public ByteWriter putBytes(byte[] bytes) {
    return putBytes(bytes, 0, bytes.length);
  }

  public ByteWriter putBytes(byte[] bytes, int from, int length) {
    ensure(length);
    System.arraycopy(bytes, from, buf, size, length);
    size += length;
    return this;
  }

  public ByteWriter putInt(int v) {
    ensure(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
    return this;
  }

  public ByteWriter putLong(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size + i] = (byte) v;
      v >>>= 8;
    }
    size += 8;
    return this;
  }

  /** An unsigned LEB128 varint: 1 byte below 128, at most 10 bytes. */
  public ByteWriter putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** A length-prefixed byte string. */
  public ByteWriter putLengthPrefixed(byte[] bytes) {
    putVarLong(bytes.length);
    return putBytes(bytes);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
