/**
 * The durable catalog: the command log that records tables, views and persistent queries so a
 * restarted server (after a clean stop or {@code kill -9}) re-creates the same tables and resumes
 * the same queries. One JSON file under the data directory, rewritten atomically on every change
 * (temporary file, fsync, atomic rename, fsync of the directory).
 *
 * <p>May import the JDK, Jackson and {@code io.weir.engine.errors}; nothing of Netty or the HTTP
 * layer.
 */
package io.weir.server.store;
