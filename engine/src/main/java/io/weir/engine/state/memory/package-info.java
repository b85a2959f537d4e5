/**
 * Heap implementations of the state interfaces, for tests and small jobs: same contract, no files.
 * May import {@code state}, {@code data} and {@code errors}.
 */
package io.weir.engine.state.memory;
