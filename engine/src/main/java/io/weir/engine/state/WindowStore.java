package io.weir.engine.state;

/**
 * The state of one window operator: opaque byte values under {@code (sliceEnd, key)}, kept in
 * {@code sliceEnd} order and, within one slice, in unsigned-byte order of the key (which is the
 * SQL order of the grouping key when keys come from {@link KeyCodec}).
 *
 * <p>The layout is slice-first on purpose: a window operator reads state a whole slice at a time
 * (firing a window scans every key of each of its slices, in key order) and drops it a whole
 * slice at a time (once the last window needing the slice has fired). It never asks for one key
 * across time, which is what a key-first layout is for. See {@code RocksDbWindowStore}.
 *
 * <p><b>Call order.</b> Any interleaving of the reading and writing methods, then {@link #close}
 * once. A {@link Cursor} sees the slice as it was when {@link #scan} was called, or later state:
 * do not write to a slice while scanning it. A {@link Batch} is applied by {@link Batch#commit}
 * and must be closed.
 *
 * <p><b>Threading.</b> One thread (the operator's task thread) at a time; no synchronization.
 *
 * <p><b>Failures.</b> I/O failures of the underlying storage throw an EXTERNAL {@link
 * io.weir.engine.errors.WeirException}; the query fails and {@link #close} must still be called.
 * {@code sliceEnd} must be below {@link Long#MAX_VALUE} (the window arithmetic never produces
 * it). Arrays passed in are not modified and may be reused by the caller once the call returns;
 * arrays returned are the caller's.
 *
 * <p><b>Durability.</b> Writes are visible to reads at once. A store itself survives nothing: a
 * crash is recovered from a changelog ({@link ChangeLoggingWindowStore} records every change,
 * the runtime replays them into a fresh store when a query restarts).
 *
 * <p><b>Metadata.</b> Besides the slices a store keeps a few small named values that describe
 * the state as a whole, such as the watermark up to which an operator has fired its windows.
 * They are not keys of any slice: {@link #scan}, {@link #sliceEnds()} and {@link #isEmpty()} do
 * not see them, and they change with the state (a changelog records them too).
 */
public interface WindowStore extends AutoCloseable {

  /** The value under {@code (sliceEnd, key)}, or null. */
  byte[] get(long sliceEnd, byte[] key);

  /** Sets the value under {@code (sliceEnd, key)}. */
  void put(long sliceEnd, byte[] key, byte[] value);

  /** Removes the value under {@code (sliceEnd, key)}, if any. */
  void delete(long sliceEnd, byte[] key);

  /** A batch of writes applied together on {@link Batch#commit} (RocksDB's WriteBatch). */
  Batch newBatch();

  /** Every key of one slice with its value, in unsigned-byte order of the key. */
  Cursor scan(long sliceEnd);

  /** Removes every key of one slice (one range delete). */
  void deleteSlice(long sliceEnd);

  /**
   * The ends of the slices that hold at least one key, in increasing order. For an operator that
   * reopens a restored store; costs one seek per slice.
   */
  long[] sliceEnds();

  /** The metadata value named {@code name}, or null. See the class comment. */
  byte[] getMetadata(String name);

  /** Sets the metadata value named {@code name}. See the class comment. */
  void putMetadata(String name, byte[] value);

  /** Whether no key is left in any slice. Exact (it looks), so not for the hot path. */
  boolean isEmpty();

  /** An estimate of how many keys the store holds, for metrics. */
  long approximateSize();

  /**
   * Makes every write so far durable in the store's files (RocksDB: flushes the memtables). A
   * checkpoint calls this; the operator's own {@code flush} does not need to.
   */
  void flush();

  /** Releases memory, handles and files. Safe to call twice and after a failure. */
  @Override
  void close();

  /** A forward pass over one slice. Close it (try-with-resources) to release it. */
  interface Cursor extends AutoCloseable {
    /** Moves to the next key; false when there is none left. Call before the first {@link #key}. */
    boolean next();

    /** The current key (a fresh array). */
    byte[] key();

    /** The current value (a fresh array). */
    byte[] value();

    @Override
    void close();
  }

  /**
   * Writes collected to be applied at once: cheaper than one call per key, and atomic in RocksDB.
   * After {@link #commit} the batch is empty and may be reused; {@link #close} releases it.
   */
  interface Batch extends AutoCloseable {
    void put(long sliceEnd, byte[] key, byte[] value);

    void delete(long sliceEnd, byte[] key);

    /** How many writes are waiting. */
    int size();

    /** Applies every write collected so far, then empties the batch. */
    void commit();

    @Override
    void close();
  }
}
