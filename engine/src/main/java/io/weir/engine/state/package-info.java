/**
 * Operator state behind small interfaces: {@link io.weir.engine.state.WindowStore} (byte values
 * per slice and key), its factory, and the one serialization layer for keys ({@link
 * io.weir.engine.state.KeyCodec}, order-preserving) with the byte buffers serializers share.
 * Implementations live in {@code state.memory} (tests) and {@code state.rocksdb} (the only
 * package that imports {@code org.rocksdb}). May import {@code data} and {@code errors}; never
 * {@code operators}, {@code runtime} or the planner.
 */
package io.weir.engine.state;
