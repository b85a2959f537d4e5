package io.weir.cli.bench;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SinkOnlyConnector;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import io.weir.engine.operators.RowBatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code bench-latency} sink of {@code weir bench}: a blackhole that records, for every row,
 * how long ago its time column says it was created: {@code now - (row[time-column] + offset-ms)}
 * in wall-clock milliseconds. Over a Nexmark source whose event time follows the wall clock
 * ({@code max-emit-speed} false), that is the latency from an event's creation to the sink; for a
 * window result, with the column {@code window_end} and the watermark delay as offset, it is the
 * latency from the event that completed the window to the window's result. The histogram goes to
 * the {@link Latency} registered under the option {@code recorder}. Stateless; writers are not
 * thread-safe.
 */
public final class LatencySinkConnector extends SinkOnlyConnector {
  public static final String NAME = "bench-latency";
  private static final Map<String, Latency> RECORDERS = new ConcurrentHashMap<>();

  /** Makes {@code latency} the recorder of tables whose option {@code recorder} is {@code name}. */
  public static void register(String name, Latency latency) {
    RECORDERS.put(name, latency);
  }

  public static void unregister(String name) {
    RECORDERS.remove(name);
  }

  @Override
  public String name() {
    return NAME;
  }


  @Override
  public void validate(TableDescriptor table) {
    Connectors.checkKnownOptions(table, Set.of("time-column", "offset-ms", "recorder"), List.of());
    column(table);
    table.longOption("offset-ms", 0);
    table.required("recorder");
  }

  private static int column(TableDescriptor table) {
    String name = table.required("time-column");
    int i = table.physicalSchema().names().indexOf(name);
    if (i < 0 || !table.physicalSchema().field(i).type().isTimestamp()) {
      throw WeirException.user("table '" + table.name() + "': 'time-column' must name a timestamp "
          + "column of the table, got '" + name + "'");
    }
    return i;
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    Latency latency = RECORDERS.get(table.required("recorder"));
    if (latency == null) {
      throw WeirException.user("table '" + table.name() + "': no latency recorder named '"
          + table.option("recorder") + "' (bench-latency sinks belong to weir bench)");
    }
    int column = column(table);
    long offset = table.longOption("offset-ms", 0);
    return new SinkWriter() {
      @Override
      public void open() {}

      @Override
      public void write(RowBatch rows) {
        long now = System.currentTimeMillis();
        for (int i = 0, n = rows.size(); i < n; i++) {
          Object t = rows.get(i)[column];
          if (t != null) {
            latency.record(now - ((Long) t + offset), 1);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
