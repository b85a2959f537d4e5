package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import java.util.Map;

/** A record the source could not hand over (a poison record in {@code fail} mode), with its position. */
final class SourceRecordException extends WeirException {
  private final String position;
  private final Map<String, String> metadata;

  SourceRecordException(String message, String position, Map<String, String> metadata,
      String operatorId) {
    super(Kind.USER, message, 0, 0, null, operatorId, null);
    this.position = position;
    Map<String, String> m = new java.util.LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      if (k != null && v != null) {
        m.put(k, v);
      }
    });
    this.metadata = java.util.Collections.unmodifiableMap(m);
  }

  private SourceRecordException(SourceRecordException e, String queryId, String operatorId) {
    super(e.kind(), e.getMessage(), 0, 0, queryId, operatorId, e.getCause());
    this.position = e.position;
    this.metadata = e.metadata;
    setStackTrace(e.getStackTrace());
  }

  /** Where the record is, e.g. {@code topic=t partition=0 offset=17}. */
  String position() {
    return position;
  }

  /** The position as fields: topic, partition, offset (or file, line). */
  Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public WeirException in(String queryId, String operatorId) {
    return new SourceRecordException(this, queryId, operatorId);
  }
}
