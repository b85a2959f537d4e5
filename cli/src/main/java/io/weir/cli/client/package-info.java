/**
 * A thin client of the Weir REST API on {@link java.net.http.HttpClient}: one method per
 * endpoint, answers as the records of {@code io.weir.server.api}, errors as {@link
 * io.weir.cli.client.WeirClientException} carrying the status, code and SQL position.
 *
 * <p>May import the JDK, Jackson and {@code io.weir.server.api}; never the server's
 * implementation or the engine.
 */
package io.weir.cli.client;
