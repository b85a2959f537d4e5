package io.weir.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WindowStore} that records every change of the store it wraps to a changelog, as Kafka
 * Streams' {@code ChangeLoggingKeyValueBytesStore} does: a put logs the key and its new value, a
 * delete logs a tombstone, a dropped slice logs a tombstone for each of its keys, a metadata
 * value logs a metadata record ({@link ChangelogFormat}). Replaying the changelog into an empty
 * store ({@link ChangelogRestorer}) rebuilds the state; compaction keeps the changelog as small
 * as the state.
 *
 * <p>Changes reach the logger after the wrapped store accepted them: at once for single writes,
 * when a {@link Batch} commits for batched ones (a batch closed without commit logs nothing); a
 * dropped slice's tombstones go out while its keys are read, before the slice is dropped.
 * Whether logged changes become durable, and when, is the runtime's business: it commits the
 * changelog together with the sink's output and the source position. Reads go straight to the
 * wrapped store.
 *
 * <p>Threading, call order and failures as {@link WindowStore} says; a logger failure is thrown
 * to the caller after the wrapped store changed (the query then restarts from the changelog, so
 * the store's extra change is discarded). {@link #close} closes the wrapped store.
 */
public final class ChangeLoggingWindowStore implements WindowStore {
  private final WindowStore inner;
  private final ChangeLogger logger;

  public ChangeLoggingWindowStore(WindowStore inner, ChangeLogger logger) {
    this.inner = inner;
    this.logger = logger;
  }

  /** The store this one wraps. */
  public WindowStore inner() {
    return inner;
  }

  @Override
  public byte[] get(long sliceEnd, byte[] key) {
    return inner.get(sliceEnd, key);
  }

  @Override
  public void put(long sliceEnd, byte[] key, byte[] value) {
    inner.put(sliceEnd, key, value);
    logger.log(ChangelogFormat.key(sliceEnd, key), value.clone());
  }

  @Override
  public void delete(long sliceEnd, byte[] key) {
    inner.delete(sliceEnd, key);
    logger.log(ChangelogFormat.key(sliceEnd, key), null);
  }

  @Override
  public Batch newBatch() {
    return new LoggedBatch(inner.newBatch());
  }

  @Override
  public Cursor scan(long sliceEnd) {
    return inner.scan(sliceEnd);
  }

  /** Logs a tombstone for every key of the slice (a scan of it), then drops the slice. */
  @Override
  public void deleteSlice(long sliceEnd) {
    try (Cursor c = inner.scan(sliceEnd)) {
      while (c.next()) {
        logger.log(ChangelogFormat.key(sliceEnd, c.key()), null);
      }
    }
    inner.deleteSlice(sliceEnd);
  }

  @Override
  public long[] sliceEnds() {
    return inner.sliceEnds();
  }

  @Override
  public byte[] getMetadata(String name) {
    return inner.getMetadata(name);
  }

  @Override
  public void putMetadata(String name, byte[] value) {
    inner.putMetadata(name, value);
    logger.log(ChangelogFormat.metadataKey(name), value.clone());
  }

  @Override
  public boolean isEmpty() {
    return inner.isEmpty();
  }

  @Override
  public long approximateSize() {
    return inner.approximateSize();
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "ChangeLogging(" + inner + ")";
  }

  /** Collects the batch's changes and logs them when the wrapped batch has committed. */
  private final class LoggedBatch implements Batch {
    private final Batch batch;
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();

    LoggedBatch(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void put(long sliceEnd, byte[] key, byte[] value) {
      batch.put(sliceEnd, key, value);
      keys.add(ChangelogFormat.key(sliceEnd, key));
      values.add(value.clone());
    }

    @Override
    public void delete(long sliceEnd, byte[] key) {
      batch.delete(sliceEnd, key);
      keys.add(ChangelogFormat.key(sliceEnd, key));
      values.add(null);
    }

    @Override
    public int size() {
      return batch.size();
    }

    @Override
    public void commit() {
      batch.commit();
      for (int i = 0; i < keys.size(); i++) {
        logger.log(keys.get(i), values.get(i));
      }
      keys.clear();
      values.clear();
    }

    @Override
    public void close() {
      keys.clear();
      values.clear();
      batch.close();
    }
  }
}
