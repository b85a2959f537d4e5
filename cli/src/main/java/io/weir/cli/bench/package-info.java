/**
 * The benchmark harness behind {@code weir bench}: named workloads (the performance issue's SQL,
 * Nexmark queries, a Kafka-fed query beside a bare-consumer baseline, a million-key heap check),
 * a runner that measures one run in this JVM (events/s, CPU time, heap, GC, latency) and the
 * JSON line each run prints.
 *
 * <p>May import the engine's public API ({@code Engine}, {@code Query}, connectors' interfaces,
 * the embedded Kafka broker), kafka-clients and Jackson; nothing of the server.
 */
package io.weir.cli.bench;
