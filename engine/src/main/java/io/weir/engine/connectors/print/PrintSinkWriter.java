package io.weir.engine.connectors.print;

import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.data.Schema;
import io.weir.engine.operators.RowBatch;
import java.io.PrintStream;

/**
 * Prints each row on its own line as Flink's print sink does: {@code +I[1, a]}, prefixed with
 * {@code <print-identifier>> } when the table sets one (Weir writes with one subtask, so no
 * subtask number is added). Call order and threading as {@link SinkWriter}; {@link #flush}
 * flushes the stream.
 */
final class PrintSinkWriter implements SinkWriter {
  private final Schema schema;
  private final PrintStream out;
  private final String prefix;
  private final StringBuilder line = new StringBuilder(128);

  PrintSinkWriter(Schema schema, PrintStream out, String identifier) {
    this.schema = schema;
    this.out = out;
    this.prefix = identifier == null || identifier.isEmpty() ? "" : identifier + "> ";
  }

  @Override
  public void open() {}

  @Override
  public void write(RowBatch rows) {
    for (int i = 0; i < rows.size(); i++) {
      line.setLength(0);
      line.append(prefix);
      RowPrinter.append(line, schema, rows.get(i));
      out.println(line);
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
