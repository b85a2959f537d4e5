package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.state.ByteWriter;
import io.weir.engine.state.KeyCodec;
import java.util.Arrays;

/**
 * The grouping keys a window operator holds state for, each named by a small int id, so that
 * accumulator tables index by int instead of hashing key objects, and a key's encoding ({@link
 * KeyCodec}) and decoded values are made once per key, not once per row or per output row.
 *
 * <p><b>Lookup</b> ({@link #idOf}) allocates nothing for a key it knows. A single grouping column
 * of BIGINT, INT or TIMESTAMP type is looked up by its long value in an open-addressing table;
 * any other key is encoded into a reused buffer and looked up by its bytes.
 *
 * <p><b>Lifetime.</b> Tables that hold a key {@link #retain} it, and {@link #release} it when they
 * drop it; a key nobody holds is forgotten and its id reused. A new key starts unheld: the
 * caller retains it at once.
 *
 * <p><b>Order.</b> {@link #ranks} gives every live key its position in key order (the unsigned
 * byte order of encodings, which is SQL order), kept up to date incrementally: keys added since
 * the last call are sorted and merged in, forgotten ones dropped.
 *
 * <p>Not thread-safe: one task thread.
 */
final class KeyDictionary {
  private static final int FREE = -1;

  private final KeyCodec codec;
  private final int[] keyIndexes;
  /** The one grouping column, read as a long, when {@link #longKeys}. */
  private final int longColumn;
  private final boolean longKeys;
  private final boolean intKey;
  private final ByteWriter writer = new ByteWriter(64);

  // Per id.
  private byte[][] bytes = new byte[16][];
  private Object[][] values = new Object[16][];
  private long[] longValue = new long[16];
  private int[] hashOf = new int[16];
  private int[] refs = new int[16];
  private int[] nextFree = new int[16];
  private int capacity; // ids handed out so far, live or free
  private int freeHead = FREE;
  private int live;

  // Lookup: open addressing over ids (FREE = empty slot), load factor at most 1/2.
  private int[] table = newTable(64);
  private int mask = 63;
  /** The id of the NULL key on the long path, or FREE. */
  private int nullId = FREE;

  // Order.
  private int[] sorted = new int[0];
  private int sortedSize;
  /** Ids added since the order was last brought up to date, each once. */
  private int[] pending = new int[16];
  private int pendingSize;
  private boolean[] inPending = new boolean[16];
  private boolean removedSinceSort;
  private int[] rank = new int[16];

  /**
   * @param codec the grouping key's codec
   * @param keyIndexes the grouping columns in the input row
   */
  KeyDictionary(KeyCodec codec, int[] keyIndexes) {
    this.codec = codec;
    this.keyIndexes = keyIndexes.clone();
    boolean single = keyIndexes.length == 1;
    DataType.Kind kind = single ? codec.types().get(0).kind() : null;
    this.longKeys = single && (kind == DataType.Kind.BIGINT || kind == DataType.Kind.INT
        || kind == DataType.Kind.TIMESTAMP || kind == DataType.Kind.TIMESTAMP_LTZ);
    this.intKey = kind == DataType.Kind.INT;
    this.longColumn = longKeys ? keyIndexes[0] : -1;
  }

  /** How many keys are held. */
  int size() {
    return live;
  }

  /** One more than the largest id ever handed out: ids are below this. */
  int idLimit() {
    return capacity;
  }

  /**
   * The id of the row's grouping key, adding the key (unheld) when it is new.
   *
   * @throws ClassCastException when a key value's class does not fit its column (a planner bug;
   *     the operator reports it)
   */
  int idOf(Object[] row) {
    if (longKeys) {
      Object v = row[longColumn];
      if (v == null) {
        if (nullId == FREE) {
          nullId = add(null, 0, 0);
        }
        return nullId;
      }
      long k = intKey ? (Integer) v : (Long) v;
      int h = mix(k);
      int i = h & mask;
      while (true) {
        int id = table[i];
        if (id == FREE) {
          return insertLong(k, h, i);
        }
        if (longValue[id] == k && bytes[id] != null) {
          return id;
        }
        i = (i + 1) & mask;
      }
    }
    codec.encodeInto(row, keyIndexes, writer);
    byte[] buf = writer.buffer();
    int len = writer.size();
    int h = hashBytes(buf, len);
    int i = h & mask;
    while (true) {
      int id = table[i];
      if (id == FREE) {
        return insertBytes(buf, len, h, i);
      }
      if (hashOf[id] == h && Arrays.equals(bytes[id], 0, bytes[id].length, buf, 0, len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  /** The key's encoding (shared: do not modify). */
  byte[] keyBytes(int id) {
    return bytes[id];
  }

  /** The key's column values, decoded once (shared: do not modify). */
  Object[] keyValues(int id) {
    Object[] v = values[id];
    if (v == null) {
      v = codec.decode(bytes[id]);
      values[id] = v;
    }
    return v;
  }

  /** A table now holds the key. */
  void retain(int id) {
    refs[id]++;
  }

  /** A table no longer holds the key; the last one to let go forgets it. */
  void release(int id) {
    if (--refs[id] > 0) {
      return;
    }
    if (refs[id] < 0) {
      throw new IllegalStateException("key id " + id + " released more often than retained");
    }
    remove(id);
  }

  /**
   * Every live key's position in key order, indexed by id (entries of free ids are meaningless).
   * The array is the dictionary's own and changes on the next call.
   */
  int[] ranks() {
    refreshOrder();
    return rank;
  }

  /** The live keys in key order; valid up to {@link #size} entries, until the next change. */
  int[] sortedIds() {
    refreshOrder();
    return sorted;
  }

  // ------------------------------------------------------------------ internals

  private int insertLong(long k, int h, int slot) {
    writer.reset();
    writer.putByte(1);
    if (intKey) {
      writer.putInt(((int) k) ^ Integer.MIN_VALUE);
    } else {
      writer.putLong(k ^ Long.MIN_VALUE);
    }
    int id = add(Arrays.copyOf(writer.buffer(), writer.size()), k, h);
    table[slot] = id;
    grow();
    return id;
  }

  private int insertBytes(byte[] buf, int len, int h, int slot) {
    int id = add(Arrays.copyOf(buf, len), 0, h);
    table[slot] = id;
    grow();
    return id;
  }

  /** Takes an id for a new key; the caller links it into the table. */
  private int add(byte[] key, long k, int h) {
    int id;
    if (freeHead != FREE) {
      id = freeHead;
      freeHead = nextFree[id];
    } else {
      if (capacity == bytes.length) {
        int n = capacity * 2;
        bytes = Arrays.copyOf(bytes, n);
        values = Arrays.copyOf(values, n);
        longValue = Arrays.copyOf(longValue, n);
        hashOf = Arrays.copyOf(hashOf, n);
        refs = Arrays.copyOf(refs, n);
        nextFree = Arrays.copyOf(nextFree, n);
        rank = Arrays.copyOf(rank, n);
        inPending = Arrays.copyOf(inPending, n);
      }
      id = capacity++;
    }
    if (key == null) {
      // The NULL key of the long path.
      writer.reset();
      writer.putByte(0);
      key = writer.toByteArray();
    }
    bytes[id] = key;
    values[id] = null;
    longValue[id] = k;
    hashOf[id] = h;
    refs[id] = 0;
    live++;
    if (!inPending[id]) {
      if (pendingSize == pending.length) {
        pending = Arrays.copyOf(pending, pendingSize * 2);
      }
      pending[pendingSize++] = id;
      inPending[id] = true;
    }
    return id;
  }

  private void remove(int id) {
    if (id == nullId) {
      nullId = FREE;
    } else {
      // Backward-shift deletion keeps every probe sequence intact.
      int i = slotOf(id);
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        int other = table[j];
        if (other == FREE) {
          break;
        }
        int home = hashOf[other] & mask;
        // Move 'other' back to i unless its home lies cyclically in (i, j].
        boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
          table[i] = other;
          i = j;
        }
      }
      table[i] = FREE;
    }
    bytes[id] = null;
    values[id] = null;
    live--;
    nextFree[id] = freeHead;
    freeHead = id;
    removedSinceSort = true;
  }

  private int slotOf(int id) {
    int i = hashOf[id] & mask;
    while (table[i] != id) {
      if (table[i] == FREE) {
        throw new IllegalStateException("key id " + id + " is not in the dictionary");
      }
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    int tableKeys = live - (nullId == FREE ? 0 : 1);
    if (tableKeys * 2 <= mask + 1) {
      return;
    }
    int n = (mask + 1) * 2;
    int[] t = newTable(n);
    int m = n - 1;
    for (int id : table) {
      if (id != FREE) {
        int i = hashOf[id] & m;
        while (t[i] != FREE) {
          i = (i + 1) & m;
        }
        t[i] = id;
      }
    }
    table = t;
    mask = m;
  }

  private void refreshOrder() {
    if (pendingSize == 0 && !removedSinceSort) {
      return;
    }
    // Keep the still-live ids of the old order; an id freed and reused since is pending again.
    int kept = 0;
    for (int i = 0; i < sortedSize; i++) {
      int id = sorted[i];
      if (bytes[id] != null && !inPending[id]) {
        sorted[kept++] = id;
      }
    }
    // Pending ids that were freed again before this call are gone.
    int p = 0;
    for (int i = 0; i < pendingSize; i++) {
      int id = pending[i];
      inPending[id] = false;
      if (bytes[id] != null) {
        pending[p++] = id;
      }
    }
    Integer[] fresh = new Integer[p];
    for (int i = 0; i < p; i++) {
      fresh[i] = pending[i];
    }
    Arrays.sort(fresh, this::compareIds);
    int[] merged = new int[Math.max(16, kept + p)];
    int a = 0;
    int b = 0;
    int out = 0;
    while (a < kept || b < p) {
      if (b == p || (a < kept && compareIds(sorted[a], fresh[b]) <= 0)) {
        merged[out++] = sorted[a++];
      } else {
        merged[out++] = fresh[b++];
      }
    }
    sorted = merged;
    sortedSize = out;
    for (int i = 0; i < out; i++) {
      rank[sorted[i]] = i;
    }
    pendingSize = 0;
    removedSinceSort = false;
  }

  private int compareIds(int a, int b) {
    if (longKeys) {
      boolean na = a == nullId;
      boolean nb = b == nullId;
      if (na || nb) {
        return na == nb ? 0 : (na ? -1 : 1);
      }
      return Long.compare(longValue[a], longValue[b]);
    }
    return KeyCodec.compare(bytes[a], bytes[b]);
  }

  private static int[] newTable(int n) {
    int[] t = new int[n];
    Arrays.fill(t, FREE);
    return t;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static int hashBytes(byte[] b, int len) {
    int h = 1;
    for (int i = 0; i < len; i++) {
      h = 31 * h + b[i];
    }
    return mix(h);
  }
}
