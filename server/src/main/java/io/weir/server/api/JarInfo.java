package io.weir.server.api;

import java.util.List;

/**
 * A stored jar, as {@code POST /v1/jars} and {@code GET /v1/jars} report it.
 *
 * @param name the label it was uploaded under
 * @param sha256 the content hash of its current version ({@code name@sha256} pins it in SQL)
 * @param sizeBytes its size
 * @param uploadedAt when this version was stored, ISO-8601 (UTC)
 * @param usedBy the functions and running queries that use it ({@code function f}, {@code
 *     query q-1}); a jar in use cannot be deleted
 */
public record JarInfo(String name, String sha256, long sizeBytes, String uploadedAt,
    List<String> usedBy) {}
