/**
 * The Weir server: {@link io.weir.server.WeirServer} starts and stops everything (the embedded
 * Kafka broker unless one is configured, the engine, the command log and the HTTP listener);
 * {@link io.weir.server.WeirService} is what the HTTP resources call — statements, queries,
 * tables, metrics — and keeps the command log in step with the engine.
 *
 * <p>May import {@code io.weir.engine} (the facade, its catalog, errors, metrics and the embedded
 * broker), {@code io.weir.server.api}, {@code io.weir.server.store} and {@code
 * io.weir.server.http}; the HTTP layer never imports the engine's internals beyond the facade.
 */
package io.weir.server;
