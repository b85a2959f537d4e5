package io.weir.engine.state.memory;

import io.weir.engine.errors.WeirException;
import io.weir.engine.state.WindowStore;
import io.weir.engine.state.WindowStoreFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link WindowStore} on the heap: a {@link TreeMap} of slices, each a {@link TreeMap} of keys
 * in unsigned-byte order. Same contract as the RocksDB store, no files; for tests and as the
 * reference the RocksDB store is checked against. A cursor iterates a copy of the slice taken
 * when {@link #scan} is called. Not thread-safe (one task thread, as the interface says).
 */
public final class InMemoryWindowStore implements WindowStore {

  /** Opens a fresh in-memory store; the directory is ignored. */
  public static final WindowStoreFactory FACTORY = directory -> new InMemoryWindowStore();

  private final TreeMap<Long, TreeMap<byte[], byte[]>> slices = new TreeMap<>();
  private final Map<String, byte[]> metadata = new java.util.HashMap<>();
  private long size;
  private boolean closed;

  @Override
  public byte[] get(long sliceEnd, byte[] key) {
    checkOpen();
    TreeMap<byte[], byte[]> slice = slices.get(sliceEnd);
    byte[] v = slice == null ? null : slice.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void put(long sliceEnd, byte[] key, byte[] value) {
    checkOpen();
    checkSlice(sliceEnd);
    TreeMap<byte[], byte[]> slice =
        slices.computeIfAbsent(sliceEnd, s -> new TreeMap<>(Arrays::compareUnsigned));
    if (slice.put(key.clone(), value.clone()) == null) {
      size++;
    }
  }

  @Override
  public void delete(long sliceEnd, byte[] key) {
    checkOpen();
    TreeMap<byte[], byte[]> slice = slices.get(sliceEnd);
    if (slice != null && slice.remove(key) != null) {
      size--;
      if (slice.isEmpty()) {
        slices.remove(sliceEnd);
      }
    }
  }

  @Override
  public Batch newBatch() {
    checkOpen();
    return new MemoryBatch();
  }

  @Override
  public Cursor scan(long sliceEnd) {
    checkOpen();
    TreeMap<byte[], byte[]> slice = slices.get(sliceEnd);
    List<Map.Entry<byte[], byte[]>> copy =
        slice == null ? List.of() : new ArrayList<>(slice.entrySet());
    Iterator<Map.Entry<byte[], byte[]>> it = copy.iterator();
    return new Cursor() {
      private Map.Entry<byte[], byte[]> current;

      @Override
      public boolean next() {
        current = it.hasNext() ? it.next() : null;
        return current != null;
      }

      @Override
      public byte[] key() {
        return current.getKey().clone();
      }

      @Override
      public byte[] value() {
        return current.getValue().clone();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void deleteSlice(long sliceEnd) {
    checkOpen();
    TreeMap<byte[], byte[]> slice = slices.remove(sliceEnd);
    if (slice != null) {
      size -= slice.size();
    }
  }

  @Override
  public long[] sliceEnds() {
    checkOpen();
    return slices.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public byte[] getMetadata(String name) {
    checkOpen();
    byte[] v = metadata.get(name);
    return v == null ? null : v.clone();
  }

  @Override
  public void putMetadata(String name, byte[] value) {
    checkOpen();
    metadata.put(name, value.clone());
  }

  @Override
  public boolean isEmpty() {
    checkOpen();
    return size == 0;
  }

  @Override
  public long approximateSize() {
    return size;
  }

  @Override
  public void flush() {
    checkOpen();
  }

  @Override
  public void close() {
    closed = true;
    slices.clear();
    metadata.clear();
    size = 0;
  }

  private void checkOpen() {
    if (closed) {
      throw WeirException.internal("in-memory window store used after close", null);
    }
  }

  private static void checkSlice(long sliceEnd) {
    if (sliceEnd == Long.MAX_VALUE) {
      throw WeirException.internal("slice end " + sliceEnd + " is reserved", null);
    }
  }

  /** Collects writes in order and applies them on commit. */
  private final class MemoryBatch implements Batch {
    private final List<Object[]> writes = new ArrayList<>();

    @Override
    public void put(long sliceEnd, byte[] key, byte[] value) {
      checkSlice(sliceEnd);
      writes.add(new Object[] {sliceEnd, key.clone(), value.clone()});
    }

    @Override
    public void delete(long sliceEnd, byte[] key) {
      writes.add(new Object[] {sliceEnd, key.clone(), null});
    }

    @Override
    public int size() {
      return writes.size();
    }

    @Override
    public void commit() {
      for (Object[] w : writes) {
        if (w[2] == null) {
          InMemoryWindowStore.this.delete((Long) w[0], (byte[]) w[1]);
        } else {
          InMemoryWindowStore.this.put((Long) w[0], (byte[]) w[1], (byte[]) w[2]);
        }
      }
      writes.clear();
    }

    @Override
    public void close() {
      writes.clear();
    }
  }
}
