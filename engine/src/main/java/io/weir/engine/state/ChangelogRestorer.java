package io.weir.engine.state;

/**
 * Replays changelog records ({@link ChangelogFormat}) into a store, in the order the changelog
 * holds them, writing in batches. Records: {@link #apply} for each, then {@link #close} (which
 * writes the last batch). One thread. A store failure is thrown as the store throws it.
 */
public final class ChangelogRestorer implements AutoCloseable {
  private static final int BATCH = 10_000;

  private final WindowStore store;
  private WindowStore.Batch batch;
  private long records;

  public ChangelogRestorer(WindowStore store) {
    this.store = store;
  }

  /** Applies one record: a put, a delete (null value) or a metadata value. */
  public void apply(byte[] changelogKey, byte[] value) {
    records++;
    if (ChangelogFormat.isMetadata(changelogKey)) {
      if (value != null) {
        store.putMetadata(ChangelogFormat.metadataName(changelogKey), value);
      }
      return;
    }
    if (batch == null) {
      batch = store.newBatch();
    }
    long sliceEnd = ChangelogFormat.sliceEnd(changelogKey);
    byte[] key = ChangelogFormat.key(changelogKey);
    if (value == null) {
      batch.delete(sliceEnd, key);
    } else {
      batch.put(sliceEnd, key, value);
    }
    if (batch.size() >= BATCH) {
      batch.commit();
    }
  }

  /** How many records were applied. */
  public long records() {
    return records;
  }

  @Override
  public void close() {
    if (batch != null) {
      try {
        batch.commit();
      } finally {
        batch.close();
        batch = null;
      }
    }
  }
}
