/**
 * The {@code nexmark} connector: the person, auction and bid streams of the Nexmark benchmark
 * (the standard generator's semantics, Flink's Nexmark column names and options), one stream per
 * table. May import {@code connectors}, {@code data} and {@code errors}.
 */
package io.weir.engine.connectors.nexmark;
