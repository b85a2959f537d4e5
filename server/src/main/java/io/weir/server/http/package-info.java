/**
 * The HTTP/1.1 layer on Netty: the channel pipeline ({@link io.weir.server.http.HttpServer}),
 * per-connection request dispatch with bearer-token auth and routing ({@link
 * io.weir.server.http.RequestDispatcher}, {@link io.weir.server.http.Routes}), one resource class
 * per REST resource, the mapping of errors to statuses ({@link io.weir.server.http.ErrorReplies})
 * and the chunked NDJSON result stream ({@link io.weir.server.http.ResultStreamer}).
 *
 * <p>Threading: the event loop only decodes, encodes and moves bytes; resource calls (which may
 * block: planning, fsync, stopping a query) run on a worker pool, and result streams read their
 * query's buffer on a separate pool, writing only while the channel is writable.
 *
 * <p>May import Netty, Jackson, {@code io.weir.server} (the service), {@code
 * io.weir.server.api}, and from the engine only the facade types the service hands out ({@code
 * Query}, {@code ResultBuffer}, {@code WeirException}, the row encoder).
 */
package io.weir.server.http;
