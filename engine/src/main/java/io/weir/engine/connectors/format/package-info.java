/**
 * Record formats: JSON, written and read byte for byte as Flink's {@code json} format does.
 * {@link io.weir.engine.connectors.format.Formats} picks a table's decoder and encoder from its
 * {@code format} option; {@link io.weir.engine.connectors.format.JsonRowDecoder} and {@link
 * io.weir.engine.connectors.format.JsonRowEncoder} do the work with Jackson's streaming API.
 * May import {@code data}, {@code errors}, {@code connectors.TableDescriptor} and Jackson.
 */
package io.weir.engine.connectors.format;
