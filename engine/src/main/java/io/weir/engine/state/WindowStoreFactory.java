package io.weir.engine.state;

import java.nio.file.Path;

/**
 * Opens the {@link WindowStore} of one operator in a directory that operator alone owns. The
 * runtime picks the implementation ({@code RocksDbWindowStore::open} in production, {@code
 * InMemoryWindowStore.FACTORY} in tests); operators only see this interface.
 */
@FunctionalInterface
public interface WindowStoreFactory {
  /**
   * Opens a store whose files (if any) live under {@code directory}. Called once, from the
   * operator's {@code open}; the operator closes the store.
   */
  WindowStore open(Path directory);
}
