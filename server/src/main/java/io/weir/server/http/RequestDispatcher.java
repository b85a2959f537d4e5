package io.weir.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.weir.server.ServerMetrics;
import io.weir.server.WeirService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: checks the token, routes each request, runs its resource on a worker
 * thread and writes the answer; a result stream is handed to a {@link ResultStreamer}.
 *
 * <p>Requests of one connection are answered one at a time and in order (HTTP/1.1 pipelining):
 * while one is being served the channel stops reading, and the next starts when the answer —
 * or the whole result stream — has been written. Every field but {@link #streamer} is touched on
 * the event loop only.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  private final Routes routes;
  private final BearerAuth auth;
  private final WeirService service;
  private final ServerMetrics metrics;
  private final Executor workers;
  private final Executor streams;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private final JarsResource jars;
  private boolean busy;
  private volatile ResultStreamer streamer;

  RequestDispatcher(Routes routes, BearerAuth auth, WeirService service, Executor workers,
      Executor streams) {
    this.routes = routes;
    this.auth = auth;
    this.service = service;
    this.metrics = service.metrics();
    this.workers = workers;
    this.streams = streams;
    this.jars = new JarsResource(service);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    metrics.openConnections.incrementAndGet();
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    metrics.openConnections.decrementAndGet();
    ResultStreamer s = streamer;
    if (s != null) {
      s.cancel();
    }
    Object r;
    while ((r = pending.poll()) != null) {
      if (r instanceof UploadedJar u && u.upload() != null) {
        u.upload().abort();
      }
      ReferenceCountUtil.release(r);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest) && !(msg instanceof UploadedJar)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    pending.add(msg);
    if (!busy) {
      next(ctx);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ResultStreamer s = streamer;
    if (s != null && ctx.channel().isWritable()) {
      s.resume();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException || cause instanceof CodecException) {
      LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  /** Serves the next pending request, or reads more when there is none (event loop). */
  private void next(ChannelHandlerContext ctx) {
    Object next = pending.poll();
    if (next == null) {
      busy = false;
      ctx.channel().config().setAutoRead(true);
      return;
    }
    busy = true;
    ctx.channel().config().setAutoRead(false);
    if (next instanceof UploadedJar upload) {
      workers.execute(() -> serveUpload(ctx, upload));
      return;
    }
    FullHttpRequest req = (FullHttpRequest) next;
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    Request request;
    try {
      if (req.decoderResult().isFailure()) {
        send(ctx, ErrorReplies.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
            "malformed HTTP request: " + req.decoderResult().cause().getMessage()), false);
        return;
      }
      QueryStringDecoder uri = new QueryStringDecoder(req.uri());
      request = new Request(req.method(), uri.path(), Map.of(), uri.parameters(),
          req.headers().get(HttpHeaderNames.CONTENT_TYPE),
          req.headers().get(HttpHeaderNames.AUTHORIZATION),
          req.content().toString(StandardCharsets.UTF_8));
    } finally {
      req.release();
    }
    workers.execute(() -> serve(ctx, request, keepAlive));
  }

  /** Commits a streamed jar upload, or answers why it was refused (worker thread). */
  private void serveUpload(ChannelHandlerContext ctx, UploadedJar upload) {
    if (upload.error() != null) {
      send(ctx, upload.error(), false);
      return;
    }
    Reply.Full reply;
    try {
      reply = (Reply.Full) jars.upload(upload);
    } catch (Throwable t) {
      reply = ErrorReplies.of(t);
    }
    send(ctx, reply, true);
  }

  /** Routes and answers one request (worker thread). */
  private void serve(ChannelHandlerContext ctx, Request request, boolean keepAlive) {
    Reply reply;
    try {
      reply = route(request);
    } catch (Throwable t) {
      reply = ErrorReplies.of(t);
    }
    if (reply instanceof Reply.Results results) {
      ResultStreamer s = new ResultStreamer(ctx.channel(), results.query(), results.offset(),
          service, streams, () -> {
            streamer = null;
            next(ctx);
          });
      streamer = s;
      s.start(keepAlive);
    } else {
      send(ctx, (Reply.Full) reply, keepAlive);
    }
  }

  private Reply route(Request request) throws Exception {
    Routes.Match match = routes.match(request.path());
    if (match == null || !match.route().open()) {
      String why = auth.check(request.authorization());
      if (why != null) {
        return ErrorReplies.unauthorized(why);
      }
    }
    if (match == null) {
      return ErrorReplies.error(HttpResponseStatus.NOT_FOUND, "not_found",
          "no route " + request.path() + " (the REST API lives under /v1: statements, queries, "
              + "tables, info)");
    }
    Routes.Handler handler = match.route().handlers().get(request.method());
    if (handler == null) {
      Reply.Full r = ErrorReplies.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
          "method_not_allowed", request.method() + " is not allowed on " + request.path()
              + "; allowed: " + match.route().allow());
      return new Reply.Full(r.status(), r.contentType(), r.body(),
          Map.of("Allow", match.route().allow()));
    }
    return handler.handle(request.withPathParams(match.params()));
  }

  /** Writes a whole response, then serves the next request (any thread). */
  private void send(ChannelHandlerContext ctx, Reply.Full reply, boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
        Unpooled.wrappedBuffer(reply.body()));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    reply.headers().forEach((k, v) -> response.headers().set(k, v));
    HttpUtil.setKeepAlive(response, keepAlive);
    metrics.response(reply.status().code());
    ctx.writeAndFlush(response).addListener(f -> {
      if (!f.isSuccess()) {
        ctx.close();
      }
      next(ctx);
    });
  }
}
