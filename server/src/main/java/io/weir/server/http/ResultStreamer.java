package io.weir.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.weir.engine.Query;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.runtime.ResultBuffer;
import io.weir.server.WeirService;
import io.weir.server.api.ResultStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one reader's view of a transient query's {@link ResultBuffer} as a chunked NDJSON
 * response (protocol: {@link ResultStream}).
 *
 * <p><b>Threading and backpressure.</b> The buffer is read on a stream executor thread, never on
 * the event loop. The streamer writes a page of rows as one chunk and reads the next page only
 * while the channel is writable; when the client reads slowly and Netty's outbound buffer passes
 * its high-water mark, the streamer parks (returns its thread) and {@link #resume()} — called when
 * the channel turns writable again — schedules it anew. The query never waits: meanwhile its ring
 * buffer may drop rows, which the reader learns from a {@code @skipped} line.
 *
 * <p><b>Ending.</b> When the query ends the last chunk is written ({@code @error} first if it
 * failed) and {@code onEnd} runs on the event loop; when the client goes away, {@link #cancel()}
 * stops the streamer at its next page.
 */
final class ResultStreamer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultStreamer.class);
  static final int PAGE_ROWS = 512;
  static final long WAIT_MILLIS = 200;

  private final Channel channel;
  private final Query query;
  private final ResultBuffer buffer;
  private final RowEncoder encoder;
  private final WeirService service;
  private final Executor executor;
  private final Runnable onEnd;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile boolean finished;
  private long offset;

  ResultStreamer(Channel channel, Query query, long offset, WeirService service, Executor executor,
      Runnable onEnd) {
    this.channel = channel;
    this.query = query;
    this.buffer = query.results();
    this.encoder = Formats.encoder(new TableDescriptor("result", query.schema(),
        Map.of("format", "json")));
    this.offset = offset;
    this.service = service;
    this.executor = executor;
    this.onEnd = onEnd;
  }

  /** Writes the response head and starts streaming. */
  void start(boolean keepAlive) {
    service.readerAttached(query.id());
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, ResultStream.CONTENT_TYPE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .set("Weir-Query-Id", query.id());
    HttpUtil.setKeepAlive(head, keepAlive);
    service.metrics().response(200);
    channel.writeAndFlush(head);
    resume();
  }

  /** Schedules the streamer unless it runs, is scheduled or has finished. */
  void resume() {
    if (!finished && scheduled.compareAndSet(false, true)) {
      executor.execute(this);
    }
  }

  /** The client went away: stop at the next page. */
  void cancel() {
    cancelled = true;
    resume();
  }

  @Override
  public void run() {
    try {
      while (true) {
        if (cancelled || !channel.isActive()) {
          finish(false);
          return;
        }
        if (!channel.isWritable()) {
          scheduled.set(false);
          // The channel may have turned writable between the check and the flag: look again.
          if (channel.isWritable() && scheduled.compareAndSet(false, true)) {
            continue;
          }
          return;
        }
        ResultBuffer.Page page = buffer.read(offset, PAGE_ROWS, WAIT_MILLIS);
        ByteBuf out = channel.alloc().buffer(256 + page.rows().size() * 96);
        if (page.skipped() > 0) {
          Map<String, Object> skipped = new LinkedHashMap<>();
          skipped.put("rows", page.skipped());
          skipped.put("offset", page.firstOffset());
          out.writeBytes(control(ResultStream.SKIPPED, skipped));
          service.metrics().resultRowsSkipped.add(page.skipped());
        }
        for (Object[] row : page.rows()) {
          out.writeBytes(encoder.encode(row));
          out.writeByte('\n');
        }
        service.metrics().resultRowsSent.add(page.rows().size());
        offset = page.nextOffset();
        if (page.ended() && page.error() != null) {
          out.writeBytes(control(ResultStream.ERROR, Map.of("message", page.error())));
        }
        if (out.isReadable()) {
          channel.writeAndFlush(new DefaultHttpContent(out));
        } else {
          out.release();
        }
        if (page.ended()) {
          finish(true);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(false);
    } catch (RuntimeException e) {
      LOG.warn("result stream of query {} failed", query.id(), e);
      finish(false);
    }
  }

  private void finish(boolean complete) {
    if (finished) {
      return;
    }
    finished = true;
    service.readerDetached(query.id());
    if (complete && channel.isActive()) {
      channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
        if (!f.isSuccess()) {
          channel.close();
        }
        onEnd.run();
      });
    } else {
      channel.close();
    }
  }

  private static byte[] control(String key, Map<String, Object> body) {
    try {
      return (Json.MAPPER.writeValueAsString(Map.of(key, body)) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a control line", e);
    }
  }
}
