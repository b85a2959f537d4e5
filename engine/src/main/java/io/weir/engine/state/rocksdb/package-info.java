/**
 * RocksDB implementations of the state interfaces. The only package of Weir that imports {@code
 * org.rocksdb}. May import {@code state}, {@code data} and {@code errors}.
 */
package io.weir.engine.state.rocksdb;
