package io.weir.engine.state;

/**
 * Where a {@link ChangeLoggingWindowStore} sends the changes of its store, one record per change
 * in the changelog format of {@link ChangelogFormat}. The runtime connects it to a changelog
 * topic; the state package knows nothing of Kafka.
 *
 * <p>Called on the store's thread. A failure to send may surface here or later, when the runtime
 * commits; either way the change is not committed.
 */
@FunctionalInterface
public interface ChangeLogger {
  /**
   * Records one change.
   *
   * @param key the changelog key (the caller's array; the logger may keep it)
   * @param value the new value, or null when the key was deleted (a tombstone)
   */
  void log(byte[] key, byte[] value);
}
