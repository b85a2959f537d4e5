/**
 * Sources, sinks and side outputs, looked up by the table's {@code 'connector'} option. Only
 * {@code connectors.kafka} imports Kafka; {@code connectors.format} holds the formats (JSON).
 * May import {@code data}, {@code errors}, {@code metrics} and {@code operators.RowBatch}.
 */
package io.weir.engine.connectors;
