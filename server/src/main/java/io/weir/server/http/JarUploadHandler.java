package io.weir.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.weir.engine.errors.WeirException;
import io.weir.engine.udf.JarStore;
import io.weir.engine.udf.UdfManager;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Streams the body of {@code POST /v1/jars?name=NAME} straight into the jar store, chunk by
 * chunk as it arrives, instead of aggregating it in memory: the token, the name and a declared
 * {@code Content-Length} are checked before a byte is written; the size limit is enforced while
 * writing. The finished (or refused) upload goes on to {@link RequestDispatcher} as an {@link
 * UploadedJar}, so answers keep the connection's request order. Every other request passes
 * through untouched.
 *
 * <p>One per connection; every call on its event loop. A refused upload is answered with {@code
 * Connection: close}, so the rest of its body is never read.
 */
final class JarUploadHandler extends ChannelInboundHandlerAdapter {
  static final String PATH = "/v1/jars";

  private final BearerAuth auth;
  private final UdfManager udfs;
  private JarStore.Upload upload;
  private boolean discarding;

  JarUploadHandler(BearerAuth auth, UdfManager udfs) {
    this.auth = auth;
    this.udfs = udfs;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req && isUpload(req)) {
      start(ctx, req);
      if (msg instanceof HttpContent content) {
        body(ctx, content);
      } else {
        ReferenceCountUtil.release(msg);
      }
      return;
    }
    if (msg instanceof HttpContent content && (upload != null || discarding)) {
      body(ctx, content);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isUpload(HttpRequest req) {
    if (req.method() != HttpMethod.POST) {
      return false;
    }
    String path = new QueryStringDecoder(req.uri()).path();
    return path.equals(PATH) || path.equals(PATH + "/");
  }

  private void start(ChannelHandlerContext ctx, HttpRequest req) {
    String why = auth.check(req.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (why != null) {
      refuse(ctx, ErrorReplies.unauthorized(why));
      return;
    }
    if (req.decoderResult().isFailure()) {
      refuse(ctx, ErrorReplies.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
          "malformed HTTP request: " + req.decoderResult().cause().getMessage()));
      return;
    }
    List<String> names = new QueryStringDecoder(req.uri()).parameters().get("name");
    if (names == null || names.isEmpty()) {
      refuse(ctx, ErrorReplies.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
          "POST /v1/jars needs ?name=NAME: the label the jar is stored under (CREATE FUNCTION … "
              + "USING JAR 'NAME' names it)"));
      return;
    }
    long declared = HttpUtil.getContentLength(req, -1L);
    long max = udfs.config().maxJarBytes();
    if (declared > max) {
      refuse(ctx, ErrorReplies.of(new JarStore.TooLarge("the jar is " + declared
          + " bytes, larger than the limit of " + max + " bytes")));
      return;
    }
    try {
      upload = udfs.beginUpload(names.get(0));
    } catch (WeirException e) {
      refuse(ctx, ErrorReplies.of(e));
      return;
    }
    if (HttpUtil.is100ContinueExpected(req)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
  }

  private void body(ChannelHandlerContext ctx, HttpContent content) {
    try {
      if (upload != null) {
        ByteBuf buf = content.content();
        try {
          for (ByteBuffer b : buf.nioBuffers()) {
            upload.write(b);
          }
        } catch (WeirException e) {
          upload = null;
          refuse(ctx, ErrorReplies.of(e));
          return;
        }
        if (content instanceof LastHttpContent) {
          JarStore.Upload done = upload;
          upload = null;
          ctx.fireChannelRead(new UploadedJar(done, null));
        }
      } else if (content instanceof LastHttpContent) {
        discarding = false;
      }
    } finally {
      content.release();
    }
  }

  private void refuse(ChannelHandlerContext ctx, Reply.Full error) {
    discarding = true;
    ctx.fireChannelRead(new UploadedJar(null, error));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (upload != null) {
      upload.abort();
      upload = null;
    }
    super.channelInactive(ctx);
  }
}
