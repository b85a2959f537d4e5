package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.state.ByteWriter;
import io.weir.engine.state.KeyCodec;
import io.weir.engine.state.WindowStore;
import io.weir.engine.state.WindowStoreFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * TUMBLE and HOP window aggregation over slices, emitting final results as Flink SQL's window
 * TVF aggregation does.
 *
 * <p><b>Per row.</b> The row's rowtime picks exactly one slice ({@link SliceAssigner}); the row's
 * grouping key is encoded ({@link KeyCodec}) and the row is added to the accumulators of (slice,
 * key). Cost per row does not depend on how many windows the slice belongs to. A row whose
 * rowtime is NULL belongs to no window; a row whose last window has already fired ({@code
 * lastWindowEnd(ts) - 1 <= watermark}) is late. Both are handed to {@link
 * OperatorContext#lateRow} and not aggregated. A row late for some but not all of its windows is
 * aggregated: the windows that have fired never fire again, so it counts in the open ones only.
 *
 * <p><b>At a watermark</b> {@code wm}, every window with data that becomes complete ({@code end -
 * 1 <= wm}) fires, in increasing window end; each emits one row per key that has rows in it, in
 * key order (the order of {@link KeyCodec} encodings: column by column, NULL first). A window's
 * result merges its slices with a k-way merge over key-ordered scans, so its keys are never all
 * held in heap. Empty windows, and keys with no rows in a window, emit nothing. Then every slice
 * whose last window has fired is deleted. After watermark {@link Long#MAX_VALUE} (end of a bounded
 * input) everything has fired and no state is left.
 *
 * <p><b>Output row</b>: the key columns in {@link WindowAggSpec#keyIndexes()} order, {@code
 * window_start}, {@code window_end} (Long epoch millis), one value per aggregate call.
 *
 * <p><b>State.</b> Accumulators live in the {@link WindowStore} under (slice end, encoded key); a
 * heap cache holds those being updated, at most {@code maxCachedEntries} of them. Dirty entries
 * go to the store in one batch on {@link #flush}, before a window that reads them fires, and when
 * the cache outgrows its bound (then the cache is emptied). A slice whose entries never left the
 * heap fires straight from the cache, sorted, without touching the store. {@link #flush} also
 * writes the watermark up to which windows have fired as store metadata ({@link
 * #FIRED_WATERMARK}); {@link #open} continues from a store that already holds state (the runtime
 * restores it from a changelog after a restart), so no window fires twice.
 *
 * <p><b>Call order and threading</b> as {@link Operator} says: {@link #open} first (it opens the
 * store in {@link OperatorContext#stateDirectory()}), one task thread. <b>Failures:</b> a rowtime
 * that is not a Long, or a value whose class does not fit its column, is a planner bug (INTERNAL
 * {@link WeirException}); a rowtime too close to the limits of a {@code long} for its windows is
 * a USER error; store failures are EXTERNAL. {@link #close} releases the store and is safe after
 * a failed open.
 */
public final class WindowAggregateOperator implements Operator {

  /** Default bound of the heap cache, in (slice, key) entries: roughly 20 MB of heap. */
  public static final int DEFAULT_MAX_CACHED_ENTRIES = 100_000;

  /** Writes go to the store in batches of at most this many entries. */
  private static final int WRITE_BATCH_ENTRIES = 10_000;

  private final WindowAggSpec spec;
  private final WindowStoreFactory storeFactory;
  private final int maxCachedEntries;
  private final SliceAssigner assigner;
  private final int timeIndex;
  private final int[] keyIndexes;
  private final KeyCodec keyCodec;
  private final Accumulators accumulators;
  private final int resultOffset;
  private final int outputArity;

  private final ByteWriter keyWriter = new ByteWriter(64);
  private final ByteWriter valueWriter = new ByteWriter(64);
  /** Slices with state, by end; each with its part of the heap cache. */
  private final TreeMap<Long, SliceCache> slices = new TreeMap<>();
  private int cachedEntries;
  /** The slice the previous row went to (rows arrive roughly in time order). */
  private SliceCache lastSlice;

  private OperatorContext context;
  private WindowStore store;
  private long watermark = Long.MIN_VALUE;

  /** An operator with the default cache bound. */
  public WindowAggregateOperator(WindowAggSpec spec, WindowStoreFactory storeFactory) {
    this(spec, storeFactory, DEFAULT_MAX_CACHED_ENTRIES);
  }

  /**
   * @param spec the window, time column, keys and aggregate calls
   * @param storeFactory opens the state store at {@link #open}
   * @param maxCachedEntries how many (slice, key) accumulators the heap may cache, at least 1
   * @throws WeirException USER for an invalid window; INTERNAL for a spec the planner should not
   *     have produced (columns out of range, a rowtime that is not a timestamp, an unsupported
   *     aggregate)
   */
  public WindowAggregateOperator(WindowAggSpec spec, WindowStoreFactory storeFactory,
      int maxCachedEntries) {
    if (spec == null || storeFactory == null) {
      throw WeirException.internal("window aggregation needs a spec and a store factory, got "
          + spec + " and " + storeFactory, null);
    }
    if (maxCachedEntries < 1) {
      throw WeirException.internal("window aggregation cache bound must be at least 1, got "
          + maxCachedEntries, null);
    }
    this.spec = spec;
    this.storeFactory = storeFactory;
    this.maxCachedEntries = maxCachedEntries;
    this.assigner = SliceAssigner.of(spec.window());
    Schema input = spec.inputSchema();
    this.timeIndex = spec.timeIndex();
    if (timeIndex < 0 || timeIndex >= input.size()) {
      throw WeirException.internal("window aggregation rowtime column " + timeIndex
          + " is outside the input " + input, null);
    }
    DataType timeType = input.field(timeIndex).type();
    if (!timeType.isTimestamp() && timeType.kind() != DataType.Kind.BIGINT) {
      throw WeirException.internal("window aggregation rowtime column "
          + input.field(timeIndex) + " is not a timestamp", null);
    }
    this.keyIndexes = spec.keyIndexes();
    List<DataType> keyTypes = new ArrayList<>(keyIndexes.length);
    for (int k : keyIndexes) {
      if (k < 0 || k >= input.size()) {
        throw WeirException.internal("window aggregation key column " + k
            + " is outside the input " + input, null);
      }
      keyTypes.add(input.field(k).type());
    }
    this.keyCodec = KeyCodec.of(keyTypes);
    this.accumulators = new Accumulators(spec.aggCalls(), input);
    this.resultOffset = keyIndexes.length + 2;
    this.outputArity = resultOffset + accumulators.size();
    Schema output = spec.outputSchema();
    if (output != null && output.size() != outputArity) {
      throw WeirException.internal("window aggregation output schema " + output + " has "
          + output.size() + " columns; keys + window_start + window_end + aggregates make "
          + outputArity, null);
    }
  }

  public WindowAggSpec spec() {
    return spec;
  }

  public SliceAssigner assigner() {
    return assigner;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.store = storeFactory.open(context.stateDirectory());
    resumeFromStore();
  }

  @Override
  public void processBatch(RowBatch batch, Output out) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      processRow(batch.get(i));
    }
  }

  /**
   * Adds one row. Also reachable on its own for callers that do not batch; same contract as
   * {@link #processBatch}.
   */
  public void processRow(Object[] row) {
    Object t = row[timeIndex];
    if (t == null) {
      context.lateRow(row);
      return;
    }
    long ts = timestamp(t);
    if (assigner.isLate(ts, watermark)) {
      context.lateRow(row);
      return;
    }
    long sliceEnd = assigner.sliceEnd(ts);
    SliceCache slice = lastSlice != null && lastSlice.end == sliceEnd ? lastSlice : slice(sliceEnd);
    KeyBytes key = new KeyBytes(keyCodec.encode(row, keyIndexes, keyWriter));
    AggState state = slice.entries.get(key);
    if (state == null) {
      state = load(slice, key);
      slice.entries.put(key, state);
      slice.sorted = null;
      cachedEntries++;
    }
    accumulators.add(state, row);
    state.dirty = true;
    if (cachedEntries > maxCachedEntries) {
      spill();
    }
  }

  @Override
  public void onWatermark(long wm, Output out) {
    if (wm <= watermark) {
      return;
    }
    long previous = watermark;
    watermark = wm;
    fireWindows(previous, wm, out);
    expireSlices(wm);
  }

  /**
   * Writes every changed accumulator to the store in batches (the cache keeps them), and the
   * watermark up to which windows have fired.
   */
  @Override
  public void flush() {
    if (store == null) {
      return;
    }
    try (Writer w = new Writer()) {
      for (SliceCache slice : slices.values()) {
        w.writeDirty(slice);
      }
    }
    persistFiredWatermark();
  }

  @Override
  public void close() {
    slices.clear();
    cachedEntries = 0;
    lastSlice = null;
    if (store != null) {
      WindowStore s = store;
      store = null;
      s.close();
    }
  }

  /** The current watermark, {@link Long#MIN_VALUE} before the first. */
  public long currentWatermark() {
    return watermark;
  }

  /** How many slices hold state (for tests and metrics). */
  public int activeSlices() {
    return slices.size();
  }

  /** How many accumulators the heap cache holds (for tests and metrics). */
  public int cachedEntries() {
    return cachedEntries;
  }

  /** Whether no state is left, in heap or store (for tests; it scans the store). */
  public boolean isStateEmpty() {
    return slices.isEmpty() && cachedEntries == 0 && (store == null || store.isEmpty());
  }

  // ---------------------------------------------------------------- rows

  private long timestamp(Object t) {
    if (t instanceof Long l) {
      return l;
    }
    throw WeirException.internal("window aggregation rowtime column "
        + spec.inputSchema().field(timeIndex) + " holds " + t + " (" + t.getClass().getName()
        + "), not epoch milliseconds as a Long", null);
  }

  private SliceCache slice(long sliceEnd) {
    SliceCache slice = slices.get(sliceEnd);
    if (slice == null) {
      slice = new SliceCache(sliceEnd);
      slices.put(sliceEnd, slice);
    }
    lastSlice = slice;
    return slice;
  }

  private AggState load(SliceCache slice, KeyBytes key) {
    if (slice.spilled) {
      byte[] stored = store.get(slice.end, key.bytes);
      if (stored != null) {
        return accumulators.deserialize(stored);
      }
    }
    return accumulators.newState();
  }

  /** Writes every dirty entry to the store and empties the cache. */
  private void spill() {
    flush();
    for (SliceCache slice : slices.values()) {
      slice.entries.clear();
      slice.sorted = null;
    }
    cachedEntries = 0;
  }

  // ---------------------------------------------------------------- firing

  private void fireWindows(long previous, long wm, Output out) {
    if (slices.isEmpty()) {
      return;
    }
    long size = assigner.windowSize();
    long slide = assigner.slide();
    long sliceSize = assigner.sliceSize();
    long end = Math.max(assigner.firstOpenWindowEnd(previous),
        assigner.firstWindowEndOfSlice(slices.firstKey()));
    while (end != Long.MAX_VALUE && end - 1 <= wm) {
      Long firstSlice = slices.ceilingKey(end - size + sliceSize);
      if (firstSlice == null) {
        return;
      }
      if (firstSlice <= end) {
        fire(end, out);
        end = end > Long.MAX_VALUE - slide ? Long.MAX_VALUE : end + slide;
      } else {
        // No slice in this window: jump to the first window of the next slice with state.
        end = assigner.firstWindowEndOfSlice(firstSlice);
      }
    }
  }

  /** Emits one row per key of the window ending at {@code end}. */
  private void fire(long end, Output out) {
    long start = assigner.windowStart(end);
    NavigableMap<Long, SliceCache> covered =
        slices.subMap(start + assigner.sliceSize(), true, end, true);
    try (Writer w = new Writer()) {
      for (SliceCache slice : covered.values()) {
        if (slice.spilled) {
          w.writeDirty(slice);
        }
      }
    }
    List<Source> sources = new ArrayList<>(covered.size());
    try {
      for (SliceCache slice : covered.values()) {
        sources.add(slice.spilled ? new StoreSource(store.scan(slice.end)) : new CacheSource(slice));
      }
      if (sources.size() == 1) {
        Source only = sources.get(0);
        while (only.next()) {
          emit(only.key(), only.state(), start, end, out);
        }
      } else {
        mergeAndEmit(sources, start, end, out);
      }
    } finally {
      for (Source s : sources) {
        s.close();
      }
    }
  }

  /** K-way merge of key-ordered sources: equal keys are merged, each key emitted once. */
  private void mergeAndEmit(List<Source> sources, long start, long end, Output out) {
    PriorityQueue<Source> queue =
        new PriorityQueue<>(sources.size(), (a, b) -> KeyCodec.compare(a.key(), b.key()));
    for (Source s : sources) {
      if (s.next()) {
        queue.add(s);
      }
    }
    AggState merged = accumulators.newState();
    while (!queue.isEmpty()) {
      Source first = queue.poll();
      byte[] key = first.key();
      accumulators.reset(merged);
      accumulators.merge(merged, first.state());
      if (first.next()) {
        queue.add(first);
      }
      while (!queue.isEmpty() && Arrays.equals(queue.peek().key(), key)) {
        Source same = queue.poll();
        accumulators.merge(merged, same.state());
        if (same.next()) {
          queue.add(same);
        }
      }
      emit(key, merged, start, end, out);
    }
  }

  private void emit(byte[] key, AggState state, long start, long end, Output out) {
    Object[] row = new Object[outputArity];
    keyCodec.decodeInto(key, row, 0);
    row[resultOffset - 2] = start;
    row[resultOffset - 1] = end;
    accumulators.results(state, row, resultOffset);
    out.collect(row);
  }

  private void expireSlices(long wm) {
    while (!slices.isEmpty()) {
      Map.Entry<Long, SliceCache> first = slices.firstEntry();
      if (!assigner.isSliceExpired(first.getKey(), wm)) {
        return;
      }
      SliceCache slice = first.getValue();
      slices.pollFirstEntry();
      cachedEntries -= slice.entries.size();
      if (slice.spilled) {
        store.deleteSlice(slice.end);
      }
      if (lastSlice == slice) {
        lastSlice = null;
      }
    }
  }

  // ---------------------------------------------------------------- durable state

  /** The store metadata under which {@link #flush} keeps the watermark windows fired up to. */
  public static final String FIRED_WATERMARK = "fired-watermark";

  private long persistedWatermark = Long.MIN_VALUE;

  /**
   * Picks up a store that holds state (restored by the runtime after a restart): its slices are
   * read from the store when their windows fire, and no window fires twice, since the watermark
   * continues from where the state was written.
   */
  private void resumeFromStore() {
    byte[] wm = store.getMetadata(FIRED_WATERMARK);
    if (wm != null) {
      watermark = io.weir.engine.state.ChangelogFormat.readLong(wm, FIRED_WATERMARK);
      persistedWatermark = watermark;
    }
    for (long end : store.sliceEnds()) {
      slice(end).spilled = true;
    }
    lastSlice = null;
  }

  private void persistFiredWatermark() {
    if (watermark != persistedWatermark) {
      store.putMetadata(FIRED_WATERMARK, io.weir.engine.state.ChangelogFormat.longValue(watermark));
      persistedWatermark = watermark;
    }
  }

  // ---------------------------------------------------------------- helpers

  /** One slice's part of the heap cache. */
  private static final class SliceCache {
    final long end;
    final HashMap<KeyBytes, AggState> entries = new HashMap<>();
    /** Some of this slice's entries are in the store (it must be read from there). */
    boolean spilled;
    /** The cached keys in key order, or null when keys were added since it was sorted. */
    KeyBytes[] sorted;

    SliceCache(long end) {
      this.end = end;
    }
  }

  /** Writes dirty entries to the store in bounded batches. */
  private final class Writer implements AutoCloseable {
    private WindowStore.Batch batch;

    void writeDirty(SliceCache slice) {
      for (Map.Entry<KeyBytes, AggState> e : slice.entries.entrySet()) {
        AggState state = e.getValue();
        if (!state.dirty) {
          continue;
        }
        if (batch == null) {
          batch = store.newBatch();
        }
        batch.put(slice.end, e.getKey().bytes, accumulators.serialize(state, valueWriter));
        state.dirty = false;
        slice.spilled = true;
        if (batch.size() >= WRITE_BATCH_ENTRIES) {
          batch.commit();
        }
      }
    }

    @Override
    public void close() {
      if (batch != null) {
        try {
          batch.commit();
        } finally {
          batch.close();
        }
      }
    }
  }

  /** A slice's (key, accumulators) in key order. */
  private interface Source extends AutoCloseable {
    boolean next();

    byte[] key();

    /** Valid until the next call to {@link #next}; must not be changed. */
    AggState state();

    @Override
    void close();
  }

  /** A slice that lives wholly in the heap cache, sorted once per change of its key set. */
  private static final class CacheSource implements Source {
    private final SliceCache slice;
    private final KeyBytes[] keys;
    private int i = -1;

    CacheSource(SliceCache slice) {
      this.slice = slice;
      if (slice.sorted == null) {
        KeyBytes[] keys = slice.entries.keySet().toArray(new KeyBytes[0]);
        Arrays.sort(keys, (a, b) -> KeyCodec.compare(a.bytes, b.bytes));
        slice.sorted = keys;
      }
      this.keys = slice.sorted;
    }

    @Override
    public boolean next() {
      return ++i < keys.length;
    }

    @Override
    public byte[] key() {
      return keys[i].bytes;
    }

    @Override
    public AggState state() {
      return slice.entries.get(keys[i]);
    }

    @Override
    public void close() {}
  }

  /** A slice read from the store, deserialized into one reused state. */
  private final class StoreSource implements Source {
    private final WindowStore.Cursor cursor;
    private final AggState scratch = accumulators.newState();
    private byte[] key;

    StoreSource(WindowStore.Cursor cursor) {
      this.cursor = cursor;
    }

    @Override
    public boolean next() {
      if (!cursor.next()) {
        key = null;
        return false;
      }
      key = cursor.key();
      accumulators.deserializeInto(cursor.value(), scratch);
      return true;
    }

    @Override
    public byte[] key() {
      return key;
    }

    @Override
    public AggState state() {
      return scratch;
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
