package io.weir.server.api;

import java.util.List;

/** {@code GET /v1/jars}: every stored jar, by name. */
public record JarList(List<JarInfo> jars) {}
