/**
 * Sources, sinks and side outputs, looked up by the table's {@code 'connector'} option, and the
 * {@link io.weir.engine.connectors.QueryLog} a persistent query keeps its changelogs and commits
 * in (exactly-once on Kafka). Only {@code connectors.kafka} imports Kafka; {@code
 * connectors.format} holds the formats (JSON). May import {@code data}, {@code errors}, {@code
 * metrics} and {@code operators.RowBatch}.
 */
package io.weir.engine.connectors;
