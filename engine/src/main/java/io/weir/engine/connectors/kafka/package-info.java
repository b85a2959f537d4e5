/**
 * The {@code kafka} connector (reader, sink writer, side output) and {@link
 * io.weir.engine.connectors.kafka.EmbeddedKafka}, the in-process broker. The only package that
 * imports Kafka (clients and server). May import {@code connectors}, {@code connectors.format},
 * {@code data}, {@code errors}, {@code metrics} and {@code operators.RowBatch}.
 */
package io.weir.engine.connectors.kafka;
