package io.weir.engine.operators.window;

import java.util.Arrays;

/**
 * Accumulator entries by key id ({@link KeyDictionary}), stored flat: entry {@code e} is {@link
 * Accumulators#longStride} longs from {@code e * longStride} in {@link #longs} and likewise in
 * {@link #objects}, its key id in {@link #ids}. An open-addressing index finds an id's entry.
 * Entries are appended and never move except in {@link #compact}; a new entry is empty (all
 * zero, all null). No object per entry, nothing allocated per row.
 *
 * <p>One table per slice of a window operator, plus the running tables of sliding windows. A
 * dirty flag per entry says what changed since the last write to the store. Not thread-safe.
 */
final class AccTable {
  /** An empty index slot; a used one packs {@code (id + 1) << 32 | entry}. */
  private static final long EMPTY = 0L;

  final Accumulators acc;
  private final int ls;
  private final int os;

  int size;
  int[] ids;
  long[] longs;
  Object[] objects;
  private boolean[] dirty;
  private int dirtyCount;

  /** Open addressing, one long per slot: the id and its entry, so a probe reads one array. */
  private long[] index;
  private int mask;

  AccTable(Accumulators acc, int initialCapacity) {
    this.acc = acc;
    this.ls = acc.longStride;
    this.os = acc.objectStride;
    int cap = Math.max(4, initialCapacity);
    ids = new int[cap];
    longs = new long[cap * ls];
    objects = os == 0 ? null : new Object[cap * os];
    dirty = new boolean[cap];
    int n = Integer.highestOneBit(cap * 2 - 1) * 2;
    index = new long[n];
    mask = n - 1;
  }

  /** The entry of {@code id}, or -1. */
  int find(int id) {
    long[] idx = index;
    int m = mask;
    int i = mix(id) & m;
    long tag = (long) (id + 1) << 32;
    while (true) {
      long slot = idx[i];
      if (slot == EMPTY) {
        return -1;
      }
      if ((slot & 0xFFFFFFFF00000000L) == tag) {
        return (int) slot;
      }
      i = (i + 1) & m;
    }
  }

  /** The entry of {@code id}, appended empty when missing; check {@link #size} to tell. */
  int findOrAdd(int id) {
    long[] idx = index;
    int m = mask;
    int i = mix(id) & m;
    long tag = (long) (id + 1) << 32;
    while (true) {
      long slot = idx[i];
      if (slot == EMPTY) {
        break;
      }
      if ((slot & 0xFFFFFFFF00000000L) == tag) {
        return (int) slot;
      }
      i = (i + 1) & m;
    }
    int e = size;
    if (e == ids.length) {
      growEntries();
    }
    ids[e] = id;
    size = e + 1;
    index[i] = tag | e;
    if (size * 2 > mask + 1) {
      rehash(mask + 1 << 1);
    }
    return e;
  }

  /** First long of entry {@code e}. */
  int lo(int e) {
    return e * ls;
  }

  /** First object of entry {@code e}. */
  int oo(int e) {
    return e * os;
  }

  void markDirty(int e) {
    if (!dirty[e]) {
      dirty[e] = true;
      dirtyCount++;
    }
  }

  boolean isDirty(int e) {
    return dirty[e];
  }

  void markClean(int e) {
    if (dirty[e]) {
      dirty[e] = false;
      dirtyCount--;
    }
  }

  int dirtyCount() {
    return dirtyCount;
  }

  /** Merges every entry of {@code source} into this table (adding missing ids). */
  void mergeAll(AccTable source) {
    long[] sl = source.longs;
    Object[] so = source.objects;
    for (int s = 0; s < source.size; s++) {
      int slo = s * ls;
      if (sl[slo] == 0) {
        continue;
      }
      int e = findOrAdd(source.ids[s]);
      acc.merge(longs, e * ls, objects, e * os, sl, slo, so, s * os);
    }
  }

  /** Retracts every entry of {@code source} from this table; only for invertible calls. */
  void retractAll(AccTable source) {
    long[] sl = source.longs;
    Object[] so = source.objects;
    for (int s = 0; s < source.size; s++) {
      int slo = s * ls;
      if (sl[slo] == 0) {
        continue;
      }
      int e = find(source.ids[s]);
      if (e < 0) {
        throw new IllegalStateException("retracting key id " + source.ids[s]
            + " that the running window does not hold");
      }
      acc.retract(longs, e * ls, objects, e * os, sl, slo, so, s * os);
    }
  }

  /** How many entries hold rows. */
  int nonEmpty() {
    int n = 0;
    for (int e = 0; e < size; e++) {
      if (longs[e * ls] != 0) {
        n++;
      }
    }
    return n;
  }

  /** Drops the entries without rows (their ids are forgotten), keeping the others' order. */
  void compact() {
    int out = 0;
    for (int e = 0; e < size; e++) {
      if (longs[e * ls] == 0) {
        continue;
      }
      if (out != e) {
        ids[out] = ids[e];
        System.arraycopy(longs, e * ls, longs, out * ls, ls);
        if (os > 0) {
          System.arraycopy(objects, e * os, objects, out * os, os);
        }
        dirty[out] = dirty[e];
      }
      out++;
    }
    Arrays.fill(longs, out * ls, size * ls, 0L);
    if (os > 0) {
      Arrays.fill(objects, out * os, size * os, null);
    }
    Arrays.fill(dirty, out, size, false);
    size = out;
    dirtyCount = 0;
    for (int e = 0; e < size; e++) {
      if (dirty[e]) {
        dirtyCount++;
      }
    }
    rehash(mask + 1);
  }

  /** Forgets every entry; keeps the arrays (zeroed) for reuse. */
  void clear() {
    Arrays.fill(longs, 0, size * ls, 0L);
    if (os > 0) {
      Arrays.fill(objects, 0, size * os, null);
    }
    Arrays.fill(dirty, 0, size, false);
    dirtyCount = 0;
    size = 0;
    Arrays.fill(index, EMPTY);
  }

  private void growEntries() {
    int cap = ids.length + (ids.length >> 1) + 4;
    ids = Arrays.copyOf(ids, cap);
    longs = Arrays.copyOf(longs, cap * ls);
    if (os > 0) {
      objects = Arrays.copyOf(objects, cap * os);
    }
    dirty = Arrays.copyOf(dirty, cap);
  }

  private void rehash(int n) {
    long[] idx = new long[n];
    int m = n - 1;
    for (int e = 0; e < size; e++) {
      int i = mix(ids[e]) & m;
      while (idx[i] != EMPTY) {
        i = (i + 1) & m;
      }
      idx[i] = ((long) (ids[e] + 1) << 32) | e;
    }
    index = idx;
    mask = m;
  }

  private static int mix(int id) {
    int h = id * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
