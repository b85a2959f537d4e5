package io.weir.engine.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.errors.WeirException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A dead-letter or late-data destination that appends one JSON object per record to a file:
 * {@code {"reason":…,"source":…,<the other metadata, by name>,"original":"<the bytes as UTF-8
 * text>"}}, or {@code "original_base64":"…"} when the bytes are not valid UTF-8, or {@code
 * "original":null} when there are none (generated rows). Every value is a JSON string.
 *
 * <p>Lines are buffered and appended with single writes of whole lines, so several writers may
 * share one file without tearing lines. {@link #flush} forces them to disk. Call order and
 * threading as {@link io.weir.engine.connectors.SinkWriter}; I/O failures are external errors.
 */
public final class FileSideOutput implements SideOutput {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int FLUSH_AT = 256 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  /** Opens (creating it and its directories when needed) the file to append to. */
  public FileSideOutput(Path path) {
    this.path = path;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw WeirException.external("cannot open the side output file '" + path + "': " + e, e);
    }
  }

  @Override
  public void write(byte[] original, Map<String, String> metadata) {
    try (JsonGenerator g = JSON.createGenerator(buffer)) {
      g.writeStartObject();
      writeField(g, "reason", metadata.get("reason"));
      writeField(g, "source", metadata.get("source"));
      List<String> keys = new ArrayList<>(metadata.keySet());
      keys.sort(null);
      for (String k : keys) {
        if (!k.equals("reason") && !k.equals("source") && !k.startsWith("original")) {
          writeField(g, k, metadata.get(k));
        }
      }
      if (original == null) {
        g.writeNullField("original");
      } else {
        String text = utf8(original);
        if (text != null) {
          g.writeStringField("original", text);
        } else {
          g.writeStringField("original_base64", Base64.getEncoder().encodeToString(original));
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw WeirException.internal("cannot build a side output line", e);
    }
    buffer.write('\n');
    if (buffer.size() >= FLUSH_AT) {
      drain();
    }
  }

  private static void writeField(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null; // not UTF-8: the caller writes base64 instead
    }
  }

  /** Appends the buffered lines with one write (a loop only if the OS writes less). */
  private void drain() {
    if (buffer.size() == 0) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
    buffer.reset();
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw WeirException.external("cannot append to the side output file '" + path + "': "
          + e, e);
    }
  }

  @Override
  public void flush() {
    drain();
    try {
      channel.force(true);
    } catch (IOException e) {
      throw WeirException.external("cannot sync the side output file '" + path + "': " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        throw WeirException.external("cannot close the side output file '" + path + "': " + e,
            e);
      }
    }
  }
}
