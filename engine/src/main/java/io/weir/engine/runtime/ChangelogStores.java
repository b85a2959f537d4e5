package io.weir.engine.runtime;

import io.weir.engine.connectors.QueryLog;
import io.weir.engine.errors.WeirException;
import io.weir.engine.state.ChangeLoggingWindowStore;
import io.weir.engine.state.ChangelogRestorer;
import io.weir.engine.state.WindowStore;
import io.weir.engine.state.WindowStoreFactory;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the window stores of a query that keeps changelogs: a RocksDB store per operator, wrapped
 * in a {@link ChangeLoggingWindowStore} that sends every change to the operator's changelog in
 * the {@link QueryLog}, and restored before the operator sees it.
 *
 * <p><b>Restore.</b> When the query continues an earlier run ({@link QueryLog#restores()}), the
 * store is rebuilt from the changelog's committed records. The local RocksDB files are used only
 * when they are provably the committed state: after a clean stop (final commit done, memtables
 * flushed) a checkpoint file in the store's directory records the changelog's end offset, as
 * Kafka Streams' {@code .checkpoint}. At open the checkpoint is read and deleted before anything
 * is processed, so after a crash there is none and the files are wiped; with one, only the
 * changelog records after its offset are replayed. Without a restore the store starts empty.
 *
 * <p>One task thread: {@link #factory} stores are opened by the operators' {@code open}; {@link
 * #checkpoint} after the last commit of a clean stop, before the stores close.
 */
final class ChangelogStores {
  private static final Logger LOG = LoggerFactory.getLogger(ChangelogStores.class);
  static final String CHECKPOINT = "weir.checkpoint";

  private final QueryLog log;
  private final String queryId;
  private final List<Opened> opened = new ArrayList<>();
  private long restoredRecords;
  private long restoreMillis;

  private record Opened(RocksDbWindowStore store, QueryLog.Changelog changelog, Path directory) {}

  ChangelogStores(QueryLog log, String queryId) {
    this.log = log;
    this.queryId = queryId;
  }

  /** The factory of the store of operator {@code operatorId}. */
  WindowStoreFactory factory(String operatorId) {
    return dir -> open(operatorId, dir);
  }

  /** Changelog records replayed into stores so far, and how long that took. */
  long restoredRecords() {
    return restoredRecords;
  }

  long restoreMillis() {
    return restoreMillis;
  }

  private WindowStore open(String operatorId, Path dir) {
    QueryLog.Changelog changelog = log.changelog(operatorId);
    boolean restore = log.restores();
    long from = 0;
    boolean keepFiles = false;
    Path checkpoint = dir.resolve(CHECKPOINT);
    try {
      if (Files.exists(checkpoint)) {
        String text = Files.readString(checkpoint, StandardCharsets.UTF_8).trim();
        Files.delete(checkpoint);
        if (restore && Files.exists(dir.resolve("CURRENT"))) {
          try {
            from = Long.parseLong(text);
            keepFiles = from >= 0 && from <= changelog.endOffset();
          } catch (NumberFormatException e) {
            LOG.warn("query {}: ignoring the unreadable checkpoint '{}' in {}", queryId, text, dir);
          }
        }
      }
    } catch (IOException e) {
      throw WeirException.external("cannot read or delete the checkpoint " + checkpoint + ": " + e, e);
    }
    if (!keepFiles) {
      from = 0;
      RocksDbWindowStore.deleteStore(dir);
    }
    RocksDbWindowStore store = RocksDbWindowStore.openDurable(dir);
    try {
      if (restore) {
        long t0 = System.nanoTime();
        long n;
        try (ChangelogRestorer restorer = new ChangelogRestorer(store)) {
          n = changelog.restore(from, restorer::apply);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        restoredRecords += n;
        restoreMillis += ms;
        LOG.info("query {}: operator {} restored {} records of changelog '{}' from offset {}{} in {} ms",
            queryId, operatorId, n, changelog.name(), from,
            keepFiles ? " (local state checkpointed at a clean stop)" : "", ms);
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    opened.add(new Opened(store, changelog, dir));
    return new ChangeLoggingWindowStore(store, changelog::append);
  }

  /**
   * After the last commit of a clean stop: flushes every store to its files and records the
   * changelog offset they match, so the next start may skip replaying the changelog.
   */
  void checkpoint() {
    for (Opened o : opened) {
      o.store().flush();
      long end = o.changelog().endOffset();
      Path file = o.directory().resolve(CHECKPOINT);
      Path tmp = o.directory().resolve(CHECKPOINT + ".tmp");
      try {
        Files.writeString(tmp, end + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw WeirException.external("cannot write the checkpoint " + file + ": " + e, e);
      }
      LOG.info("query {}: checkpointed the state in {} at changelog offset {}", queryId,
          o.directory(), end);
    }
  }
}
