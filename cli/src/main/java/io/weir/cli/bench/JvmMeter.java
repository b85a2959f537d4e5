package io.weir.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What one measurement cost the JVM: GC time and count, process CPU time and the CPU time of the
 * query threads alone (the steadiest measure on a shared machine), peak heap in use
 * (the sum of each heap pool's peak, an upper bound that includes garbage not yet collected) and
 * peak live heap (the most heap left in use right after a collection: what the run really held).
 *
 * <p>{@link #start} before the run, {@link #stop} after; one meter per run, used from one thread
 * (the GC listener runs on a JMX thread and only updates an atomic maximum).
 */
final class JvmMeter implements AutoCloseable {
  private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final AtomicLong liveAfterGc = new AtomicLong();
  private final NotificationListener listener = this::onGc;
  private final List<NotificationEmitter> emitters = new ArrayList<>();

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> taskCpu0 = new HashMap<>();
  private final Map<Long, Long> workerCpu0 = new HashMap<>();
  private long taskCpuNanos;
  private long workerCpuNanos;

  private long gcMillis0;
  private long gcCount0;
  private long cpuNanos0;

  private long gcMillis;
  private long gcCount;
  private long cpuNanos;
  private long peakHeap;

  JvmMeter() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heapPools.add(p);
      }
    }
  }

  /** Collects garbage left by earlier runs, resets the peaks and starts counting. */
  void start() {
    System.gc();
    for (MemoryPoolMXBean p : heapPools) {
      p.resetPeakUsage();
    }
    liveAfterGc.set(heapUsed());
    for (GarbageCollectorMXBean gc : gcs) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    gcMillis0 = gcMillis();
    gcCount0 = gcCount();
    cpuNanos0 = os.getProcessCpuTime();
    taskCpu0.clear();
    taskCpu0.putAll(threadCpu(QUERY_THREADS));
    workerCpu0.clear();
    workerCpu0.putAll(threadCpu(WORKER_THREADS));
  }

  /** Stops counting; the getters then describe the run. */
  void stop() {
    cpuNanos = os.getProcessCpuTime() - cpuNanos0;
    taskCpuNanos = cpuSince(QUERY_THREADS, taskCpu0);
    workerCpuNanos = cpuSince(WORKER_THREADS, workerCpu0);
    gcMillis = gcMillis() - gcMillis0;
    gcCount = gcCount() - gcCount0;
    long peak = 0;
    for (MemoryPoolMXBean p : heapPools) {
      peak += p.getPeakUsage().getUsed();
    }
    peakHeap = peak;
    close();
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // Already removed by an earlier close.
      }
    }
    emitters.clear();
  }

  long gcMillisSpent() {
    return gcMillis;
  }

  long gcCollections() {
    return gcCount;
  }

  long cpuNanos() {
    return cpuNanos;
  }

  /** CPU time of the engine's query threads ({@code weir-query-*}) alone: the query's own work. */
  long taskCpuNanos() {
    return taskCpuNanos;
  }

  /** CPU time of the engine's UDF worker threads ({@code weir-udf-*}): model calls. */
  long workerCpuNanos() {
    return workerCpuNanos;
  }

  private static final String QUERY_THREADS = "weir-query-";
  private static final String WORKER_THREADS = "weir-udf-";

  private long cpuSince(String prefix, Map<Long, Long> start) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : threadCpu(prefix).entrySet()) {
      sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /** CPU time so far of every live thread whose name starts with {@code prefix}, by id. */
  private Map<Long, Long> threadCpu(String prefix) {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith(prefix)) {
        long c = threads.getThreadCpuTime(t.getThreadId());
        if (c >= 0) {
          cpu.put(t.getThreadId(), c);
        }
      }
    }
    return cpu;
  }

  long peakHeapBytes() {
    return peakHeap;
  }

  long peakLiveHeapBytes() {
    return liveAfterGc.get();
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (isHeapPool(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    long u = used;
    liveAfterGc.accumulateAndGet(u, Math::max);
  }

  private boolean isHeapPool(String name) {
    for (MemoryPoolMXBean p : heapPools) {
      if (p.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      t += Math.max(0, gc.getCollectionTime());
    }
    return t;
  }

  private long gcCount() {
    long c = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      c += Math.max(0, gc.getCollectionCount());
    }
    return c;
  }
}
