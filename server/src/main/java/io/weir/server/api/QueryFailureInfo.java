package io.weir.server.api;

/**
 * Why and where a query failed (or last restarted), as {@code GET /v1/queries/{id}} reports it.
 *
 * @param cause the error as a user should read it
 * @param kind USER (fix the query or the data), EXTERNAL (something outside Weir; the query
 *     restarts) or INTERNAL (a bug)
 * @param operator the operator it happened in, e.g. {@code 0-Source}, or null
 * @param topic the Kafka topic of the record that could not be processed, or null
 * @param partition its partition, or null
 * @param offset its offset, or null
 * @param position the record's position as text (also for files), or null
 * @param at when (ISO-8601, UTC)
 */
public record QueryFailureInfo(
    String cause,
    String kind,
    String operator,
    String topic,
    Integer partition,
    Long offset,
    String position,
    String at) {}
