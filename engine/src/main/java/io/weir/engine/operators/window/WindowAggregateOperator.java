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
import io.weir.engine.udf.AggregateInvoker;
import io.weir.engine.udf.FunctionRef;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.Arrays;
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
 * grouping key is looked up in a {@link KeyDictionary} (no allocation for a known key) and the row
 * is added to the accumulators of (slice, key) in the slice's {@link AccTable}. Cost per row does
 * not depend on how many windows the slice belongs to. A row whose rowtime is NULL belongs to no
 * window; a row whose last window has already fired ({@code lastWindowEnd(ts) - 1 <= watermark})
 * is late. Both are handed to {@link OperatorContext#lateRow} and not aggregated. A row late for
 * some but not all of its windows is aggregated: the windows that have fired never fire again, so
 * it counts in the open ones only.
 *
 * <p><b>At a watermark</b> {@code wm}, every window with data that becomes complete ({@code end -
 * 1 <= wm}) fires, in increasing window end; each emits one row per key that has rows in it, in
 * key order (the order of {@link KeyCodec} encodings: column by column, NULL first). Empty
 * windows, and keys with no rows in a window, emit nothing. Then every slice whose last window
 * has fired is deleted. After watermark {@link Long#MAX_VALUE} (end of a bounded input)
 * everything has fired and no state is left.
 *
 * <p><b>Computing a window.</b> A TUMBLE window is one slice. A HOP window spanning many slices is
 * derived from the previous one ({@link RunningWindow}): for COUNT and whole-number SUM/AVG the
 * newest slice is merged in and the oldest retracted; for MIN, MAX and decimal sums a two-stack
 * aggregation does it without retraction; either way the work per window is proportional to the
 * slices entering and leaving it, not to size / slide. Floating-point sums and averages, and
 * DISTINCT, merge the window's slices afresh, oldest first, so their results do not depend on how
 * windows follow each other. When some of a window's state is in the store, its slices are read
 * back with a k-way merge over key-ordered scans, so its keys are never all held in heap.
 *
 * <p><b>Output row</b>: the key columns in {@link WindowAggSpec#keyIndexes()} order, {@code
 * window_start}, {@code window_end} (Long epoch millis), one value per aggregate call.
 *
 * <p><b>State.</b> Accumulators live in the {@link WindowStore} under (slice end, encoded key);
 * the heap caches them, at most {@code maxCachedEntries} (slice, key) entries. Dirty entries go
 * to the store in write batches on {@link #flush} and when the cache outgrows its bound (then
 * the entries of every slice but the one rows now go to leave the heap, and slices whose entries
 * left the heap are read from the store when they fire). A slice whose entries never left the
 * heap fires straight from the heap. {@link #flush} also writes the watermark up to which windows
 * have fired as store metadata ({@link #FIRED_WATERMARK}); {@link #open} continues from a store
 * that already holds state (the runtime restores it from a changelog after a restart), so no
 * window fires twice.
 *
 * <p><b>Call order and threading</b> as {@link Operator} says: {@link #open} first (it opens the
 * store in {@link OperatorContext#stateDirectory()}), one task thread. <b>Failures:</b> a rowtime
 * that is not a Long, or a value whose class does not fit its column, is a planner bug (INTERNAL
 * {@link WeirException}); a rowtime too close to the limits of a {@code long} for its windows is
 * a USER error; store failures are EXTERNAL. {@link #close} releases the store and is safe after
 * a failed open.
 */
public final class WindowAggregateOperator implements Operator {

  /**
   * Default bound of the heap cache, in (slice, key) entries: with the flat layout of {@link
   * AccTable} an entry of a few plain aggregates takes 30 to 60 bytes, so roughly 50 MB.
   */
  public static final int DEFAULT_MAX_CACHED_ENTRIES = 1_000_000;

  /** Writes go to the store in batches of at most this many entries. */
  private static final int WRITE_BATCH_ENTRIES = 10_000;

  private final WindowAggSpec spec;
  private final WindowStoreFactory storeFactory;
  private final int maxCachedEntries;
  private final SliceAssigner assigner;
  private final long size;
  private final long sliceSize;
  private final boolean tumbling;
  private final int timeIndex;
  private final int[] keyIndexes;
  private final KeyCodec keyCodec;
  private final Accumulators accumulators;
  private final KeyDictionary keys;
  private final RunningWindow running;
  private final int resultOffset;
  private final int outputArity;

  private final ByteWriter valueWriter = new ByteWriter(64);
  /** Slices with state, by end. */
  private final TreeMap<Long, Slice> slices = new TreeMap<>();
  private final List<AccTable> tablePool = new ArrayList<>();
  private int cachedEntries;
  /** The slice the previous row went to, and its span (rows arrive roughly in time order). */
  private Slice lastSlice;
  private long lastSliceStart = Long.MAX_VALUE;
  private long lastSliceEnd = Long.MIN_VALUE;
  /**
   * Per key id, its entry in {@link #lastSlice}'s table, valid when {@code entryGen[id] ==
   * sliceGen}: rows of the current slice find their entry with one array read instead of a hash
   * probe. {@link #sliceGen} changes whenever the last slice or its entries' places do.
   */
  private int[] entryOf = new int[1024];
  private int[] entryGen = new int[1024];
  private int sliceGen = 1;
  /** Scratch for windows merged afresh. */
  private AccTable scratch;
  private long[] order = new long[0];

  private OperatorContext context;
  private WindowStore store;
  private long watermark = Long.MIN_VALUE;
  /** Rows stamped before this are late (derived from the watermark). */
  private long lateBefore = Long.MIN_VALUE;

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
    this(spec, storeFactory, maxCachedEntries, null);
  }

  /**
   * An operator whose aggregate calls may include user aggregate functions.
   *
   * @param userFunctions gives the invoker of each {@code UDAF} call; null when there is none
   */
  public WindowAggregateOperator(WindowAggSpec spec, WindowStoreFactory storeFactory,
      int maxCachedEntries, Function<FunctionRef, AggregateInvoker> userFunctions) {
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
    this.size = assigner.windowSize();
    this.sliceSize = assigner.sliceSize();
    this.tumbling = assigner.slicesPerWindow() == 1;
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
    this.keys = new KeyDictionary(keyCodec, keyIndexes);
    this.accumulators = new Accumulators(spec.aggCalls(), input, userFunctions);
    this.running = tumbling ? null : RunningWindow.create(accumulators);
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
    if (ts < lateBefore && assigner.isLate(ts, watermark)) {
      context.lateRow(row);
      return;
    }
    Slice slice = ts >= lastSliceStart && ts < lastSliceEnd ? lastSlice : slice(ts);
    int id;
    try {
      id = keys.idOf(row);
    } catch (ClassCastException e) {
      throw WeirException.internal("window aggregation key columns " + Arrays.toString(keyIndexes)
          + " of " + spec.inputSchema() + " do not fit the row " + Arrays.toString(row), e);
    }
    AccTable table = slice.table;
    int e;
    if (id < entryGen.length && entryGen[id] == sliceGen) {
      e = entryOf[id];
    } else {
      int before = table.size;
      e = table.findOrAdd(id);
      if (table.size != before) {
        keys.retain(id);
        cachedEntries++;
        if (!slice.complete) {
          byte[] stored = store.get(slice.end, keys.keyBytes(id));
          if (stored != null) {
            accumulators.deserialize(stored, table.longs, table.lo(e), table.objects, table.oo(e));
          }
        }
      }
      if (id >= entryGen.length) {
        int n = Math.max(id + 1, entryGen.length * 2);
        entryGen = Arrays.copyOf(entryGen, n);
        entryOf = Arrays.copyOf(entryOf, n);
      }
      entryGen[id] = sliceGen;
      entryOf[id] = e;
    }
    accumulators.add(table.longs, table.lo(e), table.objects, table.oo(e), row);
    table.markDirty(e);
    if (slice.folded) {
      // A row for a slice a sliding window already holds (late for some of its windows).
      invalidateRunning();
    }
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
    lateBefore = lateBefore(wm);
    fireWindows(previous, wm, out);
    expireSlices(wm);
  }

  /** Rows stamped before this are late at watermark {@code wm}. */
  private long lateBefore(long wm) {
    long firstOpen = assigner.firstOpenWindowEnd(wm);
    return firstOpen == Long.MAX_VALUE ? Long.MAX_VALUE
        : firstOpen < Long.MIN_VALUE + size ? Long.MIN_VALUE : firstOpen - size;
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
      for (Slice slice : slices.values()) {
        w.writeDirty(slice);
      }
    }
    persistFiredWatermark();
  }

  @Override
  public void close() {
    slices.clear();
    cachedEntries = 0;
    forgetLastSlice();
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

  /** How many grouping keys the heap holds (for tests and metrics). */
  public int cachedKeys() {
    return keys.size();
  }

  /** Whether no state is left, in heap or store (for tests; it scans the store). */
  public boolean isStateEmpty() {
    return slices.isEmpty() && cachedEntries == 0 && keys.size() == 0
        && (store == null || store.isEmpty());
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

  private Slice slice(long ts) {
    long end = assigner.sliceEnd(ts);
    Slice slice = slices.get(end);
    if (slice == null) {
      slice = new Slice(end, newTable());
      slices.put(end, slice);
      if (running != null && running.holds(end)) {
        invalidateRunning(); // a new slice inside what the running window covers
      }
    }
    lastSlice = slice;
    lastSliceEnd = end;
    lastSliceStart = end - sliceSize;
    newSliceGeneration();
    return slice;
  }

  /** Forgets every key's remembered entry in the last slice. */
  private void newSliceGeneration() {
    if (++sliceGen == Integer.MAX_VALUE) {
      Arrays.fill(entryGen, 0);
      sliceGen = 1;
    }
  }

  private void forgetLastSlice() {
    newSliceGeneration();
    lastSlice = null;
    lastSliceStart = Long.MAX_VALUE;
    lastSliceEnd = Long.MIN_VALUE;
  }

  private AccTable newTable() {
    return tablePool.isEmpty() ? new AccTable(accumulators, 1024)
        : tablePool.remove(tablePool.size() - 1);
  }

  /** Drops a slice's entries from the heap, letting go of their keys. */
  private void dropEntries(Slice slice) {
    newSliceGeneration();
    AccTable t = slice.table;
    for (int e = 0; e < t.size; e++) {
      keys.release(t.ids[e]);
    }
    cachedEntries -= t.size;
    t.clear();
  }

  /**
   * Writes every dirty entry to the store and drops the entries of every slice but the one rows
   * go to now (rows arrive roughly in time order, so the others take few rows before their
   * windows fire, and firing reads them back in one scan each); that one too when it alone holds
   * half the bound.
   */
  private void spill() {
    flush();
    invalidateRunning();
    for (Slice slice : slices.values()) {
      if (slice != lastSlice) {
        dropEntries(slice);
        slice.complete = false;
      }
    }
    if (lastSlice != null && cachedEntries > maxCachedEntries / 2) {
      dropEntries(lastSlice);
      lastSlice.complete = false;
    }
  }

  private void invalidateRunning() {
    if (running != null && running.valid) {
      running.invalidate();
      for (Slice s : slices.values()) {
        s.folded = false;
      }
    }
  }

  // ---------------------------------------------------------------- firing

  private void fireWindows(long previous, long wm, Output out) {
    if (slices.isEmpty()) {
      return;
    }
    long slide = assigner.slide();
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
    long start = end - size;
    NavigableMap<Long, Slice> covered = slices.subMap(start, false, end, true);
    boolean complete = true;
    for (Slice s : covered.values()) {
      complete &= s.complete;
    }
    if (!complete) {
      invalidateRunning();
      fireFromStore(covered, start, end, out);
      return;
    }
    AccTable result;
    if (tumbling) {
      result = covered.firstEntry().getValue().table;
    } else if (running != null && advanceRunning(start, end, covered)) {
      result = running.result();
    } else {
      if (scratch == null) {
        scratch = new AccTable(accumulators, 1024);
      }
      scratch.clear();
      for (Slice s : covered.values()) {
        scratch.mergeAll(s.table); // oldest first
      }
      result = scratch;
    }
    emitTable(result, start, end, out);
  }

  /**
   * Moves the running window to the window {@code (start, end]}; false when it would outgrow the
   * heap bound (then the window is merged afresh).
   */
  private boolean advanceRunning(long start, long end, NavigableMap<Long, Slice> covered) {
    RunningWindow r = running;
    if (!r.valid || start >= r.hi) {
      invalidateRunning();
      r.reset(start);
    } else {
      while (r.oldest() <= start) {
        Slice old = slices.get(r.oldest());
        r.evictOldest(old.table);
        old.folded = false;
      }
      r.lo = Math.max(r.lo, start);
    }
    for (Slice s : covered.tailMap(r.hi, false).values()) {
      r.fold(s.end, s.table);
      s.folded = true;
    }
    r.hi = end;
    if (r.entries() > maxCachedEntries) {
      invalidateRunning();
      return false;
    }
    return true;
  }

  /** Emits the table's entries that hold rows, in key order. */
  private void emitTable(AccTable table, long start, long end, Output out) {
    Long boxedStart = start;
    Long boxedEnd = end;
    long[] l = table.longs;
    int ls = accumulators.longStride;
    int live = keys.size();
    if ((long) table.size * 4 >= live) {
      // Dense: walk every key in order and look it up.
      int[] sorted = keys.sortedIds();
      for (int i = 0; i < live; i++) {
        int e = table.find(sorted[i]);
        if (e >= 0 && l[e * ls] != 0) {
          emit(sorted[i], table, e, boxedStart, boxedEnd, out);
        }
      }
      return;
    }
    // Sparse: sort this table's entries by key rank.
    int[] rank = keys.ranks();
    if (order.length < table.size) {
      order = new long[Math.max(table.size, order.length * 2)];
    }
    int n = 0;
    for (int e = 0; e < table.size; e++) {
      if (l[e * ls] != 0) {
        order[n++] = ((long) rank[table.ids[e]] << 32) | e;
      }
    }
    Arrays.sort(order, 0, n);
    for (int i = 0; i < n; i++) {
      int e = (int) order[i];
      emit(table.ids[e], table, e, boxedStart, boxedEnd, out);
    }
  }

  private void emit(int id, AccTable table, int e, Long start, Long end, Output out) {
    Object[] row = new Object[outputArity];
    Object[] key = keys.keyValues(id);
    System.arraycopy(key, 0, row, 0, key.length);
    row[resultOffset - 2] = start;
    row[resultOffset - 1] = end;
    accumulators.results(table.longs, table.lo(e), table.objects, table.oo(e), row,
        resultOffset);
    out.collect(row);
  }

  /**
   * Fires a window some of whose entries left the heap: writes the covered slices' dirty entries,
   * then merges key-ordered scans of the store, one per slice, equal keys oldest slice first.
   */
  private void fireFromStore(NavigableMap<Long, Slice> covered, long start, long end,
      Output out) {
    try (Writer w = new Writer()) {
      for (Slice slice : covered.values()) {
        w.writeDirty(slice);
      }
    }
    List<StoreSource> sources = new ArrayList<>(covered.size());
    try {
      for (Slice slice : covered.values()) {
        if (slice.inStore) {
          sources.add(new StoreSource(sources.size(), store.scan(slice.end)));
        }
      }
      mergeAndEmit(sources, start, end, out);
    } finally {
      for (StoreSource s : sources) {
        s.close();
      }
    }
  }

  /** K-way merge of key-ordered sources: equal keys are merged, each key emitted once. */
  private void mergeAndEmit(List<StoreSource> sources, long start, long end, Output out) {
    PriorityQueue<StoreSource> queue = new PriorityQueue<>(Math.max(1, sources.size()),
        (a, b) -> {
          int c = KeyCodec.compare(a.key, b.key);
          return c != 0 ? c : Integer.compare(a.position, b.position);
        });
    for (StoreSource s : sources) {
      if (s.next()) {
        queue.add(s);
      }
    }
    AccTable merged = new AccTable(accumulators, 1);
    merged.findOrAdd(0);
    Long boxedStart = start;
    Long boxedEnd = end;
    while (!queue.isEmpty()) {
      StoreSource first = queue.poll();
      byte[] key = first.key;
      accumulators.reset(merged.longs, 0, merged.objects, 0);
      accumulators.merge(merged.longs, 0, merged.objects, 0, first.longs, 0, first.objects, 0);
      if (first.next()) {
        queue.add(first);
      }
      while (!queue.isEmpty() && Arrays.equals(queue.peek().key, key)) {
        StoreSource same = queue.poll();
        accumulators.merge(merged.longs, 0, merged.objects, 0, same.longs, 0, same.objects, 0);
        if (same.next()) {
          queue.add(same);
        }
      }
      if (Accumulators.rows(merged.longs, 0) == 0) {
        continue;
      }
      Object[] row = new Object[outputArity];
      keyCodec.decodeInto(key, row, 0);
      row[resultOffset - 2] = boxedStart;
      row[resultOffset - 1] = boxedEnd;
      accumulators.results(merged.longs, 0, merged.objects, 0, row, resultOffset);
      out.collect(row);
    }
  }

  private void expireSlices(long wm) {
    while (!slices.isEmpty()) {
      Map.Entry<Long, Slice> first = slices.firstEntry();
      if (!assigner.isSliceExpired(first.getKey(), wm)) {
        return;
      }
      Slice slice = first.getValue();
      if (slice.folded) {
        if (running.oldest() == slice.end) {
          // The oldest slice the running window holds: it leaves every later window.
          running.evictOldest(slice.table);
          slice.folded = false;
        } else {
          invalidateRunning();
        }
      }
      slices.pollFirstEntry();
      dropEntries(slice);
      tablePool.add(slice.table);
      if (slice.inStore) {
        store.deleteSlice(slice.end);
      }
      if (lastSlice == slice) {
        forgetLastSlice();
      }
    }
    if (slices.isEmpty() && running != null) {
      invalidateRunning();
    }
  }

  // ---------------------------------------------------------------- durable state

  /** The store metadata under which {@link #flush} keeps the watermark windows fired up to. */
  public static final String FIRED_WATERMARK = "fired-watermark";

  private long persistedWatermark = Long.MIN_VALUE;

  /**
   * Picks up a store that holds state (restored by the runtime after a restart): its slices are
   * read from the store when rows reach them or their windows fire, and no window fires twice,
   * since the watermark continues from where the state was written.
   */
  private void resumeFromStore() {
    byte[] wm = store.getMetadata(FIRED_WATERMARK);
    if (wm != null) {
      watermark = io.weir.engine.state.ChangelogFormat.readLong(wm, FIRED_WATERMARK);
      persistedWatermark = watermark;
      lateBefore = lateBefore(watermark);
    }
    for (long end : store.sliceEnds()) {
      Slice slice = new Slice(end, newTable());
      slice.complete = false;
      slice.inStore = true;
      slices.put(end, slice);
    }
  }

  private void persistFiredWatermark() {
    if (watermark != persistedWatermark) {
      store.putMetadata(FIRED_WATERMARK, io.weir.engine.state.ChangelogFormat.longValue(watermark));
      persistedWatermark = watermark;
    }
  }

  // ---------------------------------------------------------------- helpers

  /** One slice: its part of the heap cache and where its entries are. */
  private static final class Slice {
    final long end;
    final AccTable table;
    /** The heap holds every entry of the slice (none was dropped by a spill). */
    boolean complete = true;
    /** Some entries were written to the store (it must be deleted there too). */
    boolean inStore;
    /** The running window of the sliding windows holds this slice. */
    boolean folded;

    Slice(long end, AccTable table) {
      this.end = end;
      this.table = table;
    }
  }

  /** Writes dirty entries to the store in bounded batches. */
  private final class Writer implements AutoCloseable {
    private WindowStore.Batch batch;

    void writeDirty(Slice slice) {
      AccTable t = slice.table;
      if (t.dirtyCount() == 0) {
        return;
      }
      for (int e = 0; e < t.size; e++) {
        if (!t.isDirty(e)) {
          continue;
        }
        if (batch == null) {
          batch = store.newBatch();
        }
        batch.put(slice.end, keys.keyBytes(t.ids[e]), accumulators.serialize(t.longs, t.lo(e),
            t.objects, t.oo(e), valueWriter));
        t.markClean(e);
        slice.inStore = true;
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

  /** A slice read from the store, each entry deserialized into one reused entry. */
  private final class StoreSource implements AutoCloseable {
    final int position;
    private final WindowStore.Cursor cursor;
    final long[] longs = new long[accumulators.longStride];
    final Object[] objects = new Object[accumulators.objectStride];
    byte[] key;

    StoreSource(int position, WindowStore.Cursor cursor) {
      this.position = position;
      this.cursor = cursor;
    }

    boolean next() {
      if (!cursor.next()) {
        key = null;
        return false;
      }
      key = cursor.key();
      accumulators.deserialize(cursor.value(), longs, 0, objects, 0);
      return true;
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
