package io.weir.server.api;

import java.util.Map;

/**
 * The answer of {@code GET /v1/info}.
 *
 * @param kafkaBootstrap the broker tables use when they name none
 * @param embeddedKafka true when that broker runs inside the server
 * @param queries how many queries are in each state
 */
public record ServerInfo(
    String version,
    String url,
    String kafkaBootstrap,
    boolean embeddedKafka,
    String dataDir,
    boolean tls,
    long uptimeSeconds,
    int resultBufferRows,
    Map<String, Integer> queries) {}
