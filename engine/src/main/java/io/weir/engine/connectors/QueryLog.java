package io.weir.engine.connectors;

import io.weir.engine.errors.WeirException;

/**
 * Where a persistent query keeps what it needs to survive a crash, on its source's cluster: one
 * changelog per state store (plus one for the runtime's own small state) and the source's
 * position, committed together. Created by the source's connector ({@link
 * Connector#createQueryLog}); the {@code kafka} connector keeps compacted changelog topics and
 * commits with a producer owned by the query.
 *
 * <p><b>Guarantees.</b> With {@link #transactional()} (exactly-once), everything written between
 * two commits — sink rows, side-output records, changelog records — and the source position
 * become visible together or not at all: {@link #commit} is one Kafka transaction, and {@link
 * #open} fences an earlier instance of the query and aborts its open transaction. Without it
 * (at-least-once), {@link #commit} waits until every record written so far is acknowledged and
 * only then commits the source position, so a crash replays records whose effects may already
 * be in the changelog and the sink.
 *
 * <p><b>Call order.</b> {@link #open} once, before any reader, writer or store of the query is
 * opened; {@link #changelog} for each store, restoring it before the query processes a row;
 * then {@link #commit} repeatedly; {@link #close} once (it aborts an open transaction). All on
 * the query's task thread.
 *
 * <p><b>Failures.</b> An unreachable or failing cluster is an EXTERNAL {@link WeirException}
 * (the runtime restarts the query, which re-creates this log); a setting that cannot work (a
 * transaction timeout above the broker's maximum) or a changelog that belongs to an earlier run
 * the query does not resume is a USER error.
 */
public interface QueryLog extends AutoCloseable {

  /**
   * What the runtime decided for the query.
   *
   * @param transactional exactly-once: one transaction per commit
   * @param commitIntervalMillis how often the runtime commits
   * @param transactionTimeoutMillis the transaction timeout (exactly-once only)
   * @param resume whether the query continues an earlier run (a restart): its state is restored
   *     and its source resumes at the committed position
   * @param commitPauseMillis fault-injection only ({@code weir.chaos.commit-pause}): how long
   *     {@link #commit} pauses between sending the position and committing, so a harness can
   *     kill the process inside the commit; 0 otherwise
   */
  record Settings(boolean transactional, long commitIntervalMillis, long transactionTimeoutMillis,
      boolean resume, long commitPauseMillis) {}

  /** Whether commits are transactions (exactly-once). */
  boolean transactional();

  /**
   * Connects, checks the settings against the cluster, and fences an earlier instance of the
   * query (aborting its open transaction).
   */
  void open();

  /**
   * Whether state must be restored from the changelogs: the source starts from the position
   * committed by an earlier run (a resumed query, or a source that starts from its group's
   * committed offsets).
   */
  boolean restores();

  /**
   * The changelog named {@code name} (unique within the query), created when missing.
   *
   * @throws WeirException USER when the changelog holds records but {@link #restores()} is false:
   *     they belong to an earlier run with the same query id, which this run does not continue
   */
  Changelog changelog(String name);

  /**
   * Makes everything written since the last commit durable and visible, with the position after
   * every record {@code reader} has handed over. Does nothing when nothing changed.
   *
   * @param reader the query's source reader, created by the same connector as this log
   */
  void commit(SourceReader reader);

  /** Aborts what was written since the last commit (exactly-once), then releases everything. */
  @Override
  void close();

  /**
   * The log's producer was fenced: another producer with the query's transactional identity
   * started (another instance of the query, or the broker aborted a transaction that outlived
   * its timeout). EXTERNAL: a restart may cure it once; the runtime fails the query when it is
   * fenced again soon after, so that two instances of one query do not fence each other forever.
   */
  final class FencedException extends WeirException {
    public FencedException(String message, Throwable cause) {
      super(Kind.EXTERNAL, message, 0, 0, null, null, cause);
    }

    private FencedException(FencedException e, String queryId, String operatorId) {
      super(e.kind(), e.getMessage(), e.line(), e.column(), queryId, operatorId, e.getCause());
      setStackTrace(e.getStackTrace());
    }

    @Override
    public WeirException in(String queryId, String operatorId) {
      return new FencedException(this, queryId, operatorId);
    }
  }

  /** One compacted changelog: restored at start, appended to while the query runs. */
  interface Changelog {
    /** The name of the changelog (the Kafka topic), for messages. */
    String name();

    /** Receives the records of a changelog being restored, in changelog order. */
    @FunctionalInterface
    interface RestoreTarget {
      /** One record; {@code value} is null for a tombstone. */
      void restore(byte[] key, byte[] value);
    }

    /**
     * Reads the committed records from {@code fromOffset} to the end of the changelog as it is
     * now and hands each to {@code target}.
     *
     * @return how many records were handed over
     */
    long restore(long fromOffset, RestoreTarget target);

    /** The position after the last committed record (what a checkpoint records). */
    long endOffset();

    /** Appends one record (a null value is a tombstone); it commits with the next commit. */
    void append(byte[] key, byte[] value);
  }
}
