/**
 * The demo's data: a generator of realistic sensor readings written to Kafka as JSON.
 *
 * <p>May import the JDK and kafka-clients (the producer); nothing of the engine or the server.
 */
package io.weir.cli.demo;
