package io.weir.engine.connectors.format;

/**
 * Turns the bytes of one record into a row of the table's physical columns. One instance per
 * reader; not thread-safe.
 */
public interface RowDecoder {
  /**
   * @throws MalformedRecordException when the bytes are not a valid record; its message is the
   *     reason a user reads in the dead-letter destination
   */
  Object[] decode(byte[] bytes, int offset, int length) throws MalformedRecordException;

  default Object[] decode(byte[] bytes) throws MalformedRecordException {
    return decode(bytes, 0, bytes.length);
  }
}
