package io.weir.cli.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.server.api.ResultStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result stream being read: {@link #next()} blocks for the next line and returns a row, a
 * skipped notice or an error, or null at the end. Not thread-safe, except {@link #close()},
 * which may be called from another thread to abandon the stream.
 */
public final class ResultLines implements AutoCloseable {
  /** One line of the stream. */
  public sealed interface Line {}

  /** A row: column name → value (JSON types: String, Number, Boolean, List, Map, or null). */
  public record Row(Map<String, Object> values) implements Line {}

  /** The reader fell behind; {@code rows} rows were dropped for it. */
  public record Skipped(long rows, long offset) implements Line {}

  /** The query failed. */
  public record Failed(String message) implements Line {}

  private final BufferedReader reader;
  private final InputStream in;
  private final ObjectMapper json;

  ResultLines(InputStream in, ObjectMapper json) {
    this.in = in;
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.json = json;
  }

  /** The next line, or null when the stream ended. */
  @SuppressWarnings("unchecked")
  public Line next() throws IOException {
    String text;
    do {
      text = reader.readLine();
      if (text == null) {
        return null;
      }
    } while (text.isBlank());
    Map<String, Object> values = json.readValue(text, LinkedHashMap.class);
    if (values.size() == 1) {
      Object control = values.get(ResultStream.SKIPPED);
      if (control instanceof Map<?, ?> m) {
        return new Skipped(((Number) m.get("rows")).longValue(), ((Number) m.get("offset")).longValue());
      }
      control = values.get(ResultStream.ERROR);
      if (control instanceof Map<?, ?> m) {
        return new Failed(String.valueOf(m.get("message")));
      }
    }
    return new Row(values);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // The stream is abandoned; a failure to close it changes nothing for the caller.
    }
  }
}
