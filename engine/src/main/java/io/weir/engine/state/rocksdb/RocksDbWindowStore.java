package io.weir.engine.state.rocksdb;

import io.weir.engine.errors.WeirException;
import io.weir.engine.state.WindowStore;
import io.weir.engine.state.WindowStoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link WindowStore} in one RocksDB instance in the operator's state directory.
 *
 * <p><b>Key layout: slice first.</b> The RocksDB key is {@code sliceEnd} as 8 bytes big-endian
 * with the sign bit flipped (so unsigned byte order is numeric order, negative timestamps
 * included), followed by the key bytes. A slice is therefore one contiguous key range, sorted by
 * key: firing a window is one bounded prefix scan per slice (a k-way merge of those scans gives
 * the window's rows in key order without holding the keys in heap), and expiring a slice is one
 * {@code deleteRange}. Kafka Streams' window stores are key first ({@code key | timestamp |
 * seqnum}, {@code WindowKeySchema}) because their reads are per key over a time range ({@code
 * fetch(key, from, to)}) and they expire whole time segments, each a separate RocksDB instance.
 * A window operator never reads one key across time; it reads and drops whole slices, which a
 * key-first layout would scatter over the entire key space (firing a window would scan every key
 * ever seen, expiring a slice would need one delete per key or a segment per slice). The point
 * lookups the operator does make — one {@code (slice, key)} on a cache miss — cost the same in
 * either layout.
 *
 * <p><b>Memory is bounded and off-heap:</b> an {@value #BLOCK_CACHE_BYTES}-byte LRU block cache
 * (index and filter blocks included), {@value #MAX_WRITE_BUFFERS} memtables of {@value
 * #WRITE_BUFFER_BYTES} bytes, whole-key Bloom filters so a lookup of a new key rarely touches
 * disk. Writes skip the write-ahead log: a crash is recovered from the operator's changelog, not
 * from these files. A store from {@link #open} is scratch space: its directory is wiped at open
 * and deleted at close. A store from {@link #openDurable} keeps its files across a clean close
 * (RocksDB flushes its memtables when it closes), so the runtime may reuse them after a clean
 * stop when its checkpoint says they match the changelog; it deletes them ({@link #deleteStore})
 * otherwise.
 *
 * <p><b>Metadata</b> lives under the reserved slice prefix of {@link Long#MAX_VALUE} (eight
 * {@code 0xFF} bytes) followed by the name in UTF-8, after every slice; slice reads stop before
 * it.
 *
 * <p>Threading, call order and failures as {@link WindowStore} says; a {@link RocksDBException}
 * becomes an EXTERNAL {@link WeirException} naming the operation and the directory.
 */
public final class RocksDbWindowStore implements WindowStore {

  /** LRU block cache per store. */
  public static final long BLOCK_CACHE_BYTES = 8L * 1024 * 1024;
  /** Size of one memtable. */
  public static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;
  /** Memtables per store: one being written, one being flushed. */
  public static final int MAX_WRITE_BUFFERS = 2;

  /** Opens a store in the given directory (see {@link #open}). */
  public static final WindowStoreFactory FACTORY = RocksDbWindowStore::open;

  private static final int PREFIX = Long.BYTES;

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final Cache blockCache;
  private final BloomFilter bloomFilter;
  private final Options options;
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;
  private final RocksDB db;
  private final boolean deleteOnClose;
  private boolean closed;

  private RocksDbWindowStore(Path directory, Cache blockCache, BloomFilter bloomFilter,
      Options options, WriteOptions writeOptions, ReadOptions readOptions, RocksDB db,
      boolean deleteOnClose) {
    this.directory = directory;
    this.deleteOnClose = deleteOnClose;
    this.blockCache = blockCache;
    this.bloomFilter = bloomFilter;
    this.options = options;
    this.writeOptions = writeOptions;
    this.readOptions = readOptions;
    this.db = db;
  }

  /**
   * Opens a fresh, empty store in {@code directory}, creating it if needed and deleting a store an
   * earlier run left there (the directory belongs to this operator alone).
   *
   * @throws WeirException EXTERNAL when the directory cannot be prepared or RocksDB cannot open;
   *     INTERNAL when the directory holds files that are not a RocksDB store
   */
  public static RocksDbWindowStore open(Path directory) {
    wipeStaleStore(directory);
    return openIn(directory, true);
  }

  /**
   * Opens the store in {@code directory} as an earlier run left it, or a new empty one; its files
   * stay after {@link #close}. The caller decides whether the files may be trusted (see the class
   * comment) and calls {@link #deleteStore} first when they may not.
   *
   * @throws WeirException as {@link #open} does
   */
  public static RocksDbWindowStore openDurable(Path directory) {
    if (Files.isDirectory(directory) && !Files.exists(directory.resolve("CURRENT"))) {
      wipeStaleStore(directory); // refuses a directory that holds something else
    }
    return openIn(directory, false);
  }

  /**
   * Deletes the store in {@code directory}, if any. Refuses (an INTERNAL error) a directory that
   * holds files but no RocksDB store.
   */
  public static void deleteStore(Path directory) {
    wipeStaleStore(directory);
  }

  private static RocksDbWindowStore openIn(Path directory, boolean deleteOnClose) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw WeirException.external("cannot create the state directory " + directory + ": " + e, e);
    }
    Cache cache = new LRUCache(BLOCK_CACHE_BYTES);
    BloomFilter filter = new BloomFilter(10, false);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setFilterPolicy(filter)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true)
        .setBlockSize(16 * 1024);
    Options options = new Options()
        .setCreateIfMissing(true)
        .setTableFormatConfig(table)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setMaxWriteBufferNumber(MAX_WRITE_BUFFERS)
        .setMaxBackgroundJobs(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxLogFileSize(1024 * 1024)
        .setKeepLogFileNum(2);
    WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    ReadOptions readOptions = new ReadOptions();
    try {
      RocksDB db = RocksDB.open(options, directory.toString());
      return new RocksDbWindowStore(directory, cache, filter, options, writeOptions, readOptions,
          db, deleteOnClose);
    } catch (RocksDBException e) {
      readOptions.close();
      writeOptions.close();
      options.close();
      filter.close();
      cache.close();
      throw WeirException.external("cannot open RocksDB in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  public Path directory() {
    return directory;
  }

  @Override
  public byte[] get(long sliceEnd, byte[] key) {
    checkOpen();
    try {
      return db.get(readOptions, dbKey(sliceEnd, key));
    } catch (RocksDBException e) {
      throw failed("get", e);
    }
  }

  @Override
  public void put(long sliceEnd, byte[] key, byte[] value) {
    checkOpen();
    try {
      db.put(writeOptions, dbKey(sliceEnd, key), value);
    } catch (RocksDBException e) {
      throw failed("put", e);
    }
  }

  @Override
  public void delete(long sliceEnd, byte[] key) {
    checkOpen();
    try {
      db.delete(writeOptions, dbKey(sliceEnd, key));
    } catch (RocksDBException e) {
      throw failed("delete", e);
    }
  }

  @Override
  public Batch newBatch() {
    checkOpen();
    return new RocksBatch();
  }

  @Override
  public Cursor scan(long sliceEnd) {
    checkOpen();
    return new RocksCursor(sliceEnd);
  }

  @Override
  public void deleteSlice(long sliceEnd) {
    checkOpen();
    try {
      db.deleteRange(writeOptions, prefix(sliceEnd), prefix(sliceEnd + 1));
    } catch (RocksDBException e) {
      throw failed("deleteRange of slice " + sliceEnd, e);
    }
  }

  @Override
  public long[] sliceEnds() {
    checkOpen();
    long[] ends = new long[16];
    int n = 0;
    try (RocksIterator it = db.newIterator(readOptions)) {
      it.seekToFirst();
      while (it.isValid() && !isMetadataKey(it.key())) {
        long end = sliceEndOf(it.key());
        if (n == ends.length) {
          ends = Arrays.copyOf(ends, n * 2);
        }
        ends[n++] = end;
        it.seek(prefix(end + 1)); // end + 1 <= MAX_VALUE: the metadata prefix at most
      }
      status(it, "sliceEnds");
    }
    return Arrays.copyOf(ends, n);
  }

  @Override
  public byte[] getMetadata(String name) {
    checkOpen();
    try {
      return db.get(readOptions, metadataKey(name));
    } catch (RocksDBException e) {
      throw failed("get metadata '" + name + "'", e);
    }
  }

  @Override
  public void putMetadata(String name, byte[] value) {
    checkOpen();
    try {
      db.put(writeOptions, metadataKey(name), value);
    } catch (RocksDBException e) {
      throw failed("put metadata '" + name + "'", e);
    }
  }

  @Override
  public boolean isEmpty() {
    checkOpen();
    try (RocksIterator it = db.newIterator(readOptions)) {
      it.seekToFirst();
      boolean empty = !it.isValid() || isMetadataKey(it.key());
      status(it, "isEmpty");
      return empty;
    }
  }

  @Override
  public long approximateSize() {
    checkOpen();
    try {
      return db.getLongProperty("rocksdb.estimate-num-keys");
    } catch (RocksDBException e) {
      throw failed("estimate-num-keys", e);
    }
  }

  @Override
  public void flush() {
    checkOpen();
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    } catch (RocksDBException e) {
      throw failed("flush", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.close();
    } finally {
      readOptions.close();
      writeOptions.close();
      options.close();
      bloomFilter.close();
      blockCache.close();
      if (deleteOnClose) {
        deleteRecursively(directory);
      }
    }
  }

  @Override
  public String toString() {
    return "RocksDbWindowStore(" + directory + ")";
  }

  private void checkOpen() {
    if (closed) {
      throw WeirException.internal("RocksDB window store in " + directory + " used after close",
          null);
    }
  }

  private WeirException failed(String operation, RocksDBException e) {
    return WeirException.external("RocksDB " + operation + " failed in " + directory + ": "
        + e.getMessage(), e);
  }

  private void status(RocksIterator it, String operation) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw failed(operation, e);
    }
  }

  static byte[] prefix(long sliceEnd) {
    byte[] p = new byte[PREFIX];
    writePrefix(p, sliceEnd);
    return p;
  }

  static byte[] dbKey(long sliceEnd, byte[] key) {
    if (sliceEnd == Long.MAX_VALUE) {
      throw WeirException.internal("slice end " + sliceEnd + " is reserved", null);
    }
    byte[] k = new byte[PREFIX + key.length];
    writePrefix(k, sliceEnd);
    System.arraycopy(key, 0, k, PREFIX, key.length);
    return k;
  }

  /** The key of a metadata value: the same bytes as its changelog key. */
  static byte[] metadataKey(String name) {
    return io.weir.engine.state.ChangelogFormat.metadataKey(name);
  }

  private static boolean isMetadataKey(byte[] dbKey) {
    for (int i = 0; i < PREFIX; i++) {
      if (dbKey[i] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static long sliceEndOf(byte[] dbKey) {
    long v = 0;
    for (int i = 0; i < PREFIX; i++) {
      v = (v << 8) | (dbKey[i] & 0xFF);
    }
    return v ^ Long.MIN_VALUE;
  }

  private static void writePrefix(byte[] target, long sliceEnd) {
    long v = sliceEnd ^ Long.MIN_VALUE;
    for (int i = PREFIX - 1; i >= 0; i--) {
      target[i] = (byte) v;
      v >>>= 8;
    }
  }

  /**
   * Deletes a store an earlier run left in {@code dir}. Refuses (rather than deleting) when the
   * directory holds files but no RocksDB {@code CURRENT} file: then it is not ours.
   */
  private static void wipeStaleStore(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isEmpty()) {
        return;
      }
    } catch (IOException e) {
      throw WeirException.external("cannot list the state directory " + dir + ": " + e, e);
    }
    if (!Files.exists(dir.resolve("CURRENT"))) {
      throw WeirException.internal("state directory " + dir + " is not empty and holds no RocksDB"
          + " store; refusing to delete it", null);
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw WeirException.external("cannot delete the state directory " + dir + ": " + e, e);
    }
  }

  /** A bounded forward iterator over one slice's key range. */
  private final class RocksCursor implements Cursor {
    private final Slice upperBound;
    private final ReadOptions scanOptions;
    private final RocksIterator it;
    private boolean started;
    private boolean cursorClosed;

    RocksCursor(long sliceEnd) {
      upperBound = new Slice(prefix(sliceEnd + 1));
      scanOptions = new ReadOptions().setIterateUpperBound(upperBound).setFillCache(false);
      it = db.newIterator(scanOptions);
      it.seek(prefix(sliceEnd));
    }

    @Override
    public boolean next() {
      if (started) {
        it.next();
      }
      started = true;
      boolean valid = it.isValid();
      if (!valid) {
        status(it, "scan");
      }
      return valid;
    }

    @Override
    public byte[] key() {
      byte[] k = it.key();
      return Arrays.copyOfRange(k, PREFIX, k.length);
    }

    @Override
    public byte[] value() {
      return it.value();
    }

    @Override
    public void close() {
      if (cursorClosed) {
        return;
      }
      cursorClosed = true;
      it.close();
      scanOptions.close();
      upperBound.close();
    }
  }

  /** A RocksDB {@link WriteBatch} applied with the store's write options. */
  private final class RocksBatch implements Batch {
    private final WriteBatch batch = new WriteBatch();
    private int size;

    @Override
    public void put(long sliceEnd, byte[] key, byte[] value) {
      try {
        batch.put(dbKey(sliceEnd, key), value);
        size++;
      } catch (RocksDBException e) {
        throw failed("batch put", e);
      }
    }

    @Override
    public void delete(long sliceEnd, byte[] key) {
      try {
        batch.delete(dbKey(sliceEnd, key));
        size++;
      } catch (RocksDBException e) {
        throw failed("batch delete", e);
      }
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public void commit() {
      checkOpen();
      try {
        db.write(writeOptions, batch);
        batch.clear();
        size = 0;
      } catch (RocksDBException e) {
        throw failed("write batch", e);
      }
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
