package io.weir.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.weir.server.ServerMetrics;
import io.weir.server.api.ApiError;

/**
 * Aggregates a request's body up to a limit; a larger one is answered 413 with the JSON error
 * body, as {@link HttpObjectAggregator} does (the connection stays open when the client can go
 * on, its body being skipped; else it is closed).
 */
final class BodyLimit extends HttpObjectAggregator {
  private final int maxBytes;
  private final ServerMetrics metrics;

  BodyLimit(int maxBytes, ServerMetrics metrics) {
    super(maxBytes);
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  /** A client that sent {@code Expect: 100-continue} with too large a body: 413 instead of 100. */
  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength,
      ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof HttpResponse r
        && r.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      ReferenceCountUtil.release(response);
      FullHttpResponse tooLarge = tooLarge();
      HttpUtil.setKeepAlive(tooLarge, HttpUtil.isKeepAlive(start));
      return tooLarge;
    }
    return response;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse response = tooLarge();
    boolean close = oversized instanceof FullHttpMessage
        || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
    HttpUtil.setKeepAlive(response, !close);
    if (close) {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }

  private FullHttpResponse tooLarge() {
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(ApiError.of("payload_too_large",
          "the request body is larger than " + maxBytes + " bytes"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    metrics.response(413);
    return response;
  }
}
