package io.weir.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.weir.engine.errors.WeirException;
import io.weir.server.WeirService;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty HTTP/1.1 listener of the REST API. Pipeline per connection: [TLS] → HTTP codec →
 * keep-alive → body aggregation with a size limit (413) → {@link RequestDispatcher}.
 *
 * <p><b>Call order.</b> {@link #start}, then {@link #stopAccepting()} and {@link #close()} once.
 * {@code start} throws an external {@link WeirException} when the address cannot be bound.
 */
public final class HttpServer implements AutoCloseable {
  /** Outbound bytes queued per connection before a result stream parks. */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

  private final EventLoopGroup boss;
  private final EventLoopGroup loops;
  private final ExecutorService workers;
  private final ExecutorService streams;
  private final ChannelGroup clients;
  private final Channel listener;

  private HttpServer(EventLoopGroup boss, EventLoopGroup loops, ExecutorService workers,
      ExecutorService streams, ChannelGroup clients, Channel listener) {
    this.boss = boss;
    this.loops = loops;
    this.workers = workers;
    this.streams = streams;
    this.clients = clients;
    this.listener = listener;
  }

  /**
   * Binds {@code host:port} (0: a free port) and serves the REST API.
   *
   * @param ssl null for plain HTTP
   */
  public static HttpServer start(WeirService service, String host, int port, String token,
      SslContext ssl, int maxBodyBytes) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, daemon("weir-http-accept"),
        NioIoHandler.newFactory());
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, daemon("weir-http-io"),
        NioIoHandler.newFactory());
    ExecutorService workers = Executors.newCachedThreadPool(daemon("weir-http-worker"));
    ExecutorService streams = Executors.newCachedThreadPool(daemon("weir-results"));
    Routes routes = routes(service);
    BearerAuth auth = new BearerAuth(token);
    ChannelGroup clients = new DefaultChannelGroup("weir-http", GlobalEventExecutor.INSTANCE);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, loops)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 256)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            if (ssl != null) {
              ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
            }
            ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("jar-upload", new JarUploadHandler(auth, service.engine().udfs()))
                .addLast("body", new BodyLimit(maxBodyBytes, service.metrics()))
                .addLast("dispatch", new RequestDispatcher(routes, auth, service, workers, streams));
          }
        });
    Channel listener;
    try {
      listener = bootstrap.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownNow();
      streams.shutdownNow();
      throw WeirException.external("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new HttpServer(boss, loops, workers, streams, clients, listener);
  }

  static Routes routes(WeirService service) {
    StatementsResource statements = new StatementsResource(service);
    QueriesResource queries = new QueriesResource(service);
    TablesResource tables = new TablesResource(service);
    InfoResource info = new InfoResource(service);
    MetricsResource metrics = new MetricsResource(service);
    JarsResource jars = new JarsResource(service);
    return new Routes()
        .addOpen(HttpMethod.GET, "/healthz", info::health)
        .add(HttpMethod.GET, "/metrics", metrics::get)
        .add(HttpMethod.GET, "/v1/info", info::info)
        .add(HttpMethod.POST, "/v1/statements", statements::post)
        .add(HttpMethod.GET, "/v1/queries", queries::list)
        .add(HttpMethod.GET, "/v1/queries/{id}", queries::get)
        .add(HttpMethod.DELETE, "/v1/queries/{id}", queries::delete)
        .add(HttpMethod.GET, "/v1/queries/{id}/results", queries::results)
        .add(HttpMethod.GET, "/v1/tables", tables::list)
        .add(HttpMethod.GET, "/v1/tables/{name}", tables::get)
        .add(HttpMethod.GET, "/v1/jars", jars::list)
        .add(HttpMethod.DELETE, "/v1/jars/{name}", jars::delete);
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops accepting connections; open ones are served on. */
  public void stopAccepting() {
    listener.close().syncUninterruptibly();
  }

  /** Closes every connection and stops the threads. */
  @Override
  public void close() {
    stopAccepting();
    clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    streams.shutdownNow();
    workers.shutdownNow();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
