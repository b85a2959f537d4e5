package io.weir.engine.operators.window;

import java.util.Arrays;

/** An encoded grouping key as a hash-map key: equality and hash by content, hash computed once. */
final class KeyBytes {
  final byte[] bytes;
  private final int hash;

  KeyBytes(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyBytes k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
