package io.weir.engine.connectors;

/**
 * Reads one source table for one query. The reader owns its format: it hands over decoded rows
 * (the table's physical columns, in order) or, for bytes it cannot decode, the original bytes
 * and the reason.
 *
 * <p><b>Splits.</b> A source is made of independent ordered streams: Kafka partitions, files,
 * generator instances. Each record names its split, a number in {@code [0, splitCount())}; the
 * runtime keeps a watermark per split and takes the minimum.
 *
 * <p><b>Call order and threading.</b> {@link #open}, then {@link #poll} and {@link #commit}
 * repeatedly, then {@link #close}, all from one task thread. {@link #commit} is called only
 * after every row handed over so far has been processed and the sinks have flushed, so a
 * committed position never runs ahead of the output.
 *
 * <p><b>Failures.</b> Bad options or an unreadable path: a user {@code WeirException}. An
 * unreachable broker: an external one. Malformed records are never thrown: they go to {@link
 * SourceRecords#malformed}.
 */
public interface SourceReader extends AutoCloseable {

  void open();

  /** How many splits exist now (it may grow, e.g. when Kafka assigns more partitions). */
  int splitCount();

  /**
   * Hands over the records that are available, waiting at most {@code timeoutMillis} when none
   * is. Hands over at most about {@code maxRecords}.
   *
   * @return false once a bounded source has handed over its last record; true otherwise
   */
  boolean poll(SourceRecords out, int maxRecords, long timeoutMillis);

  /** Makes the position after every record handed over so far durable (no-op when bounded). */
  default void commit() {}

  /**
   * Backpressure: stop handing over records until {@link #resume}. A reader that must keep
   * talking to its system to keep its place (a Kafka consumer, which would otherwise leave its
   * group) pauses there and returns true: the runtime keeps calling {@link #poll}, which then
   * hands over nothing. The default returns false: the runtime stops calling {@code poll}.
   */
  default boolean pause() {
    return false;
  }

  /** Ends a {@link #pause}. */
  default void resume() {}

  /** Whether the source ends by itself (files, generators with a row count). */
  default boolean isBounded() {
    return false;
  }

  @Override
  void close();
}
