/**
 * Operator state behind small interfaces: {@link io.weir.engine.state.WindowStore} (byte values
 * per slice and key, plus a few metadata values), its factory, and the one serialization layer
 * for keys ({@link io.weir.engine.state.KeyCodec}, order-preserving) with the byte buffers
 * serializers share. Decorators that add a capability to any store live here too: {@link
 * io.weir.engine.state.ChangeLoggingWindowStore} records every change to a {@link
 * io.weir.engine.state.ChangeLogger} in the {@link io.weir.engine.state.ChangelogFormat}, and
 * {@link io.weir.engine.state.ChangelogRestorer} replays such a changelog into a store.
 * Implementations live in {@code state.memory} (tests) and {@code state.rocksdb} (the only
 * package that imports {@code org.rocksdb}). May import {@code data} and {@code errors}; never
 * {@code operators}, {@code runtime}, {@code connectors} or the planner.
 */
package io.weir.engine.state;
