package io.weir.engine.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link SourceRecords} that keeps everything it receives, for tests. */
public final class CollectingRecords implements SourceRecords {
  /** A record that did not decode. */
  public record Malformed(int split, byte[] original, String reason, String position,
      Map<String, String> metadata) {}

  public final List<Object[]> rows = new ArrayList<>();
  public final List<byte[]> originals = new ArrayList<>();
  public final List<Integer> splits = new ArrayList<>();
  public final List<Malformed> malformed = new ArrayList<>();

  @Override
  public void row(int split, Object[] row, byte[] original) {
    splits.add(split);
    rows.add(row);
    originals.add(original);
  }

  @Override
  public void malformed(int split, byte[] original, String reason, String position,
      Map<String, String> metadata) {
    malformed.add(new Malformed(split, original, reason, position, metadata));
  }

  /** Polls until the reader says it is done, failing after {@code maxPolls}. */
  public static CollectingRecords drain(SourceReader reader, int batch, int maxPolls) {
    CollectingRecords out = new CollectingRecords();
    for (int i = 0; i < maxPolls; i++) {
      if (!reader.poll(out, batch, 100)) {
        return out;
      }
    }
    throw new AssertionError("the reader did not finish within " + maxPolls + " polls");
  }
}
