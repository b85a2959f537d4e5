package io.weir.engine.udf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link UdfClassLoader} per jar version, shared by everything that uses that version and
 * counted: {@link #acquire} creates it on first use, {@link Lease#close} gives it back, and the
 * last give-back closes it and forgets it, so it can be collected. Thread-safe.
 */
final class LoaderCache {
  private static final Logger LOG = LoggerFactory.getLogger(LoaderCache.class);

  private final Map<String, Entry> loaders = new HashMap<>();

  private static final class Entry {
    final UdfClassLoader loader;
    int users;

    Entry(UdfClassLoader loader) {
      this.loader = loader;
    }
  }

  /** A use of a loader; closing it gives the loader back (idempotent). */
  final class Lease implements AutoCloseable {
    private final String sha;
    private final UdfClassLoader loader;
    private boolean closed;

    private Lease(String sha, UdfClassLoader loader) {
      this.sha = sha;
      this.loader = loader;
    }

    UdfClassLoader loader() {
      return loader;
    }

    @Override
    public void close() {
      synchronized (LoaderCache.this) {
        if (closed) {
          return;
        }
        closed = true;
        Entry e = loaders.get(sha);
        if (e == null || e.loader != loader) {
          return;
        }
        if (--e.users == 0) {
          loaders.remove(sha);
          try {
            e.loader.close();
          } catch (IOException ex) {
            LOG.warn("closing {} failed", e.loader, ex);
          }
        }
      }
    }
  }

  synchronized Lease acquire(JarInfo jar, Path file) {
    Entry e = loaders.computeIfAbsent(jar.sha256(),
        sha -> new Entry(new UdfClassLoader(file, jar.name() + "@" + sha.substring(0, 12))));
    e.users++;
    return new Lease(jar.sha256(), e.loader);
  }

  /** The versions whose loaders are in use now. */
  synchronized Set<String> inUse() {
    return Set.copyOf(loaders.keySet());
  }

  /** The live loader of a version, or null (tests use it to watch a loader being released). */
  synchronized UdfClassLoader live(String sha) {
    Entry e = loaders.get(sha);
    return e == null ? null : e.loader;
  }
}
