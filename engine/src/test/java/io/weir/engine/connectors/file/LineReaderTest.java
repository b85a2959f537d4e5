package io.weir.engine.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  @Test
  void newlineSearchAgreesWithAPlainScan() {
    SplittableRandom random = new SplittableRandom(3);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int k = 0; k < b.length; k++) {
        int r = random.nextInt(10);
        // Newlines, bytes next to them in value (0x09, 0x0B, 0x8A), and anything else.
        b[k] = (byte) (r == 0 ? '\n' : r == 1 ? 0x09 : r == 2 ? 0x0B : r == 3 ? 0x8A
            : random.nextInt(256));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      int expected = -1;
      for (int k = from; k < to; k++) {
        if (b[k] == '\n') {
          expected = k;
          break;
        }
      }
      assertEquals(expected, LineReader.newline(b, from, to));
    }
  }

  @Test
  void splitsLinesAcrossReadsAndLongLines() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> lines = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n < 2_000; n++) {
      String line = "x".repeat(random.nextInt(n == 7 ? 200_000 : 120)) + n;
      lines.add(line);
      text.append(line).append(random.nextBoolean() ? "\r\n" : "\n");
    }
    text.append("last");
    lines.add("last");
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    // A stream that hands over a few bytes at a time, so lines straddle reads.
    InputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(5_000)));
      }
    };
    LineReader reader = new LineReader(in);
    for (int n = 0; n < lines.size(); n++) {
      assertEquals(true, reader.next());
      assertEquals(lines.get(n), new String(reader.bytes(), reader.offset(), reader.length(),
          StandardCharsets.UTF_8));
      assertEquals(n + 1, reader.lineNumber());
    }
    assertFalse(reader.next());
  }
}
