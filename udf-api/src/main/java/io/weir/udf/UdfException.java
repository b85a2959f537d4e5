package io.weir.udf;

/**
 * Thrown by a function for input it cannot handle. The engine treats it like any other
 * exception from a call — the query's error policy decides (fail, dead-letter or null) — but its
 * message is shown as is, without a stack trace, so make it say what was wrong with which value.
 */
public class UdfException extends RuntimeException {
  public UdfException(String message) {
    super(message);
  }

  public UdfException(String message, Throwable cause) {
    super(message, cause);
  }
}
