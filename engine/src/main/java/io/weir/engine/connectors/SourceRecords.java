package io.weir.engine.connectors;

/** Receives what a {@link SourceReader} reads. Implemented by the runtime. */
public interface SourceRecords {

  /**
   * One decoded record.
   *
   * @param split the split it came from
   * @param row the table's physical columns, in order; owned by the receiver from now on
   * @param original the bytes as read (kept for late-data and dead-letter destinations), or null
   *     when the source has no bytes (generators); the receiver must not modify them
   */
  void row(int split, Object[] row, byte[] original);

  /**
   * One decoded record whose bytes lie in a buffer the source reuses ({@code buffer[offset …
   * offset + length)}, valid during this call only): a receiver that keeps them copies them. For
   * sources that read many records into one buffer (files), so that a record's bytes are copied
   * only when it goes to a side output. This default copies at once.
   */
  default void row(int split, Object[] row, byte[] buffer, int offset, int length) {
    row(split, row, java.util.Arrays.copyOfRange(buffer, offset, offset + length));
  }

  /**
   * A record that could not be decoded.
   *
   * @param position where it came from, as a user can find it again, e.g. {@code
   *     topic=events partition=2 offset=1234} or {@code file=/data/in.jsonl line=17}
   * @param metadata the same position as separate fields (topic, partition, offset or file, line)
   */
  void malformed(int split, byte[] original, String reason, String position,
      java.util.Map<String, String> metadata);
}
