package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import java.util.Map;

/**
 * Why and where a query failed (or, while it is {@link QueryState#RESTARTING}, why it restarts):
 * the error, the operator it came from, and for a record that could not be processed the
 * record's position in its source.
 *
 * @param cause the error's message as a user should read it
 * @param kind USER, EXTERNAL or INTERNAL (see {@link WeirException.Kind})
 * @param operator the operator id, e.g. {@code 0-Source} or {@code 2-WindowAgg}, or null when
 *     the error was not in an operator (a commit)
 * @param topic the Kafka topic of the offending record, or null
 * @param partition its partition, or null
 * @param offset its offset, or null
 * @param position where the record is, as a user can find it again ({@code topic=t partition=0
 *     offset=17}, {@code file=/in.jsonl line=3}), or null
 * @param atMillis when it happened
 */
public record QueryFailure(String cause, String kind, String operator, String topic,
    Integer partition, Long offset, String position, long atMillis) {

  static QueryFailure of(WeirException e) {
    Map<String, String> where = e instanceof SourceRecordException r ? r.metadata() : Map.of();
    return new QueryFailure(e.getMessage(), e.kind().name(), e.operatorId(), where.get("topic"),
        parseInt(where.get("partition")), parseLong(where.get("offset")),
        e instanceof SourceRecordException r ? r.position() : null, System.currentTimeMillis());
  }

  private static Integer parseInt(String s) {
    try {
      return s == null ? null : Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseLong(String s) {
    try {
      return s == null ? null : Long.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
