package io.weir.engine.connectors.nexmark;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import java.util.List;
import java.util.Locale;

/**
 * The three Nexmark streams and their columns, named and typed as Flink's Nexmark tables name
 * them ({@code nexmark-flink}'s {@code person}, {@code auction} and {@code bid} views).
 */
enum NexmarkStream {
  PERSON(List.of(
      column("id", Kind.BIGINT), column("name", Kind.STRING), column("emailAddress", Kind.STRING),
      column("creditCard", Kind.STRING), column("city", Kind.STRING),
      column("state", Kind.STRING), column("dateTime", Kind.TIMESTAMP),
      column("extra", Kind.STRING))),
  AUCTION(List.of(
      column("id", Kind.BIGINT), column("itemName", Kind.STRING),
      column("description", Kind.STRING), column("initialBid", Kind.BIGINT),
      column("reserve", Kind.BIGINT), column("dateTime", Kind.TIMESTAMP),
      column("expires", Kind.TIMESTAMP), column("seller", Kind.BIGINT),
      column("category", Kind.BIGINT), column("extra", Kind.STRING))),
  BID(List.of(
      column("auction", Kind.BIGINT), column("bidder", Kind.BIGINT), column("price", Kind.BIGINT),
      column("channel", Kind.STRING), column("url", Kind.STRING),
      column("dateTime", Kind.TIMESTAMP), column("extra", Kind.STRING)));

  /** One column of a stream: its name and the kind of its SQL type. */
  record Column(String name, Kind kind) {
    /** Whether a table column of {@code type} can hold this column's values. */
    boolean accepts(DataType type) {
      return kind == Kind.TIMESTAMP ? type.isTimestamp() : type.kind() == kind;
    }

    String typeName() {
      return kind == Kind.TIMESTAMP ? "TIMESTAMP(3)" : kind.name();
    }
  }

  private final List<Column> columns;

  NexmarkStream(List<Column> columns) {
    this.columns = columns;
  }

  List<Column> columns() {
    return columns;
  }

  /** The position of a column by name (exact, then case-insensitive), or -1. */
  int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The option value naming this stream. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static Column column(String name, Kind kind) {
    return new Column(name, kind);
  }
}
