/**
 * Record formats (JSON, encoded as Flink encodes it). May import {@code data} and {@code errors}.
 */
package io.weir.engine.connectors.format;
