package io.weir.engine.state;

import io.weir.engine.errors.WeirException;
import java.nio.charset.StandardCharsets;

/**
 * The records of a window store's changelog, the one place that says how they look. A key is
 * the slice end (8 bytes, big-endian, sign bit flipped, as the RocksDB store lays it out)
 * followed by the grouping key's bytes; its value is the slice's accumulators for that key, or
 * null (a tombstone) once the key is gone. A metadata record has the reserved slice {@link
 * Long#MAX_VALUE} (eight {@code 0xFF} bytes) followed by the metadata name in UTF-8. Compaction
 * keeps the latest record per key, which is exactly the state.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChangelogFormat {
  private static final int PREFIX = Long.BYTES;

  private ChangelogFormat() {}

  /** The changelog key of {@code (sliceEnd, key)}. */
  public static byte[] key(long sliceEnd, byte[] key) {
    if (sliceEnd == Long.MAX_VALUE) {
      throw WeirException.internal("slice end " + sliceEnd + " is reserved", null);
    }
    byte[] k = new byte[PREFIX + key.length];
    writePrefix(k, sliceEnd);
    System.arraycopy(key, 0, k, PREFIX, key.length);
    return k;
  }

  /** The changelog key of the metadata value {@code name}. */
  public static byte[] metadataKey(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[PREFIX + n.length];
    writePrefix(k, Long.MAX_VALUE);
    System.arraycopy(n, 0, k, PREFIX, n.length);
    return k;
  }

  /** Whether a changelog key is a metadata key. */
  public static boolean isMetadata(byte[] changelogKey) {
    checkLength(changelogKey);
    for (int i = 0; i < PREFIX; i++) {
      if (changelogKey[i] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** The slice end of a (non-metadata) changelog key. */
  public static long sliceEnd(byte[] changelogKey) {
    checkLength(changelogKey);
    long v = 0;
    for (int i = 0; i < PREFIX; i++) {
      v = (v << 8) | (changelogKey[i] & 0xFF);
    }
    return v ^ Long.MIN_VALUE;
  }

  /** The grouping key's bytes of a (non-metadata) changelog key. */
  public static byte[] key(byte[] changelogKey) {
    checkLength(changelogKey);
    return java.util.Arrays.copyOfRange(changelogKey, PREFIX, changelogKey.length);
  }

  /** The metadata name of a metadata key. */
  public static String metadataName(byte[] changelogKey) {
    checkLength(changelogKey);
    return new String(changelogKey, PREFIX, changelogKey.length - PREFIX, StandardCharsets.UTF_8);
  }

  /** A long as the 8 big-endian bytes metadata values use. */
  public static byte[] longValue(long v) {
    byte[] b = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  /** The long written by {@link #longValue}. */
  public static long readLong(byte[] b, String what) {
    if (b == null || b.length != Long.BYTES) {
      throw WeirException.internal(what + " should be " + Long.BYTES + " bytes, got "
          + (b == null ? "null" : b.length + " bytes"), null);
    }
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  private static void checkLength(byte[] changelogKey) {
    if (changelogKey == null || changelogKey.length < PREFIX) {
      throw WeirException.internal("a window store changelog key has at least " + PREFIX
          + " bytes, got " + (changelogKey == null ? "null" : changelogKey.length), null);
    }
  }

  private static void writePrefix(byte[] target, long sliceEnd) {
    long v = sliceEnd ^ Long.MIN_VALUE;
    for (int i = PREFIX - 1; i >= 0; i--) {
      target[i] = (byte) v;
      v >>>= 8;
    }
  }
}
