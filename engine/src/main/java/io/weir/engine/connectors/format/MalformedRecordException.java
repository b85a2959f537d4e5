package io.weir.engine.connectors.format;

/** A record's bytes could not be decoded; the message says why, for the dead-letter reason. */
public class MalformedRecordException extends Exception {
  public MalformedRecordException(String reason) {
    super(reason);
  }

  public MalformedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
