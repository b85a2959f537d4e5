package io.weir.engine.connectors.format;

/** Turns a row of the table's physical columns into the bytes of one record. Not thread-safe. */
public interface RowEncoder {
  byte[] encode(Object[] row);
}
