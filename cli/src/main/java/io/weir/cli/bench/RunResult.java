package io.weir.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The measurement of one run of one workload.
 *
 * @param workload the workload's name
 * @param run 1, 2, … within one invocation
 * @param events events the source produced (the query's rows in)
 * @param rowsOut rows the sink received
 * @param seconds from the first event read to the end of the query (state closed)
 * @param cpuSeconds process CPU time over the same run, every thread (GC and JIT included)
 * @param taskCpuSeconds CPU time of the query's own thread over the run
 * @param workerCpuSeconds CPU time of the UDF worker threads over the run (model calls), 0 when
 *     the query calls none
 * @param peakHeapBytes the sum of every heap pool's peak during the run (garbage included)
 * @param peakHeapAfterGcBytes the most heap in use right after a collection
 * @param gcMillis time spent in collections
 * @param gcCount collections
 * @param latencyP50Millis median end-to-end latency (event creation to sink), or -1 when the
 *     workload does not measure it
 * @param latencyP99Millis 99th percentile, or -1
 * @param baselineEventsPerSecond what the workload's baseline reached in the same run (the bare
 *     Kafka consumer), or 0
 * @param baselineCpuNanosPerEvent the baseline's process CPU time per record, or 0
 * @param flinkEventsPerSecond Flink's figure from the issue, or 0
 */
public record RunResult(String workload, int run, long events, long rowsOut, double seconds,
    double cpuSeconds, double taskCpuSeconds, double workerCpuSeconds, long peakHeapBytes,
    long peakHeapAfterGcBytes, long gcMillis, long gcCount,
    double latencyP50Millis, double latencyP99Millis, double baselineEventsPerSecond,
    double baselineCpuNanosPerEvent, long flinkEventsPerSecond) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public double eventsPerSecond() {
    return seconds <= 0 ? 0 : events / seconds;
  }

  /** Events per second of process CPU time: steadier than wall time on a shared machine. */
  public double eventsPerCpuSecond() {
    return cpuSeconds <= 0 ? 0 : events / cpuSeconds;
  }

  /**
   * Events per second of the query thread's CPU time: what the engine does per event, whatever
   * else the machine runs.
   */
  public double eventsPerTaskCpuSecond() {
    return taskCpuSeconds <= 0 ? 0 : events / taskCpuSeconds;
  }

  /** The run as one JSON object on one line, for tracking over time. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("workload", workload);
    o.put("run", run);
    o.put("events", events);
    o.put("rows_out", rowsOut);
    o.put("seconds", round(seconds, 3));
    o.put("events_per_s", Math.round(eventsPerSecond()));
    o.put("cpu_s", round(cpuSeconds, 3));
    o.put("events_per_cpu_s", Math.round(eventsPerCpuSecond()));
    o.put("task_cpu_s", round(taskCpuSeconds, 3));
    o.put("events_per_task_cpu_s", Math.round(eventsPerTaskCpuSecond()));
    if (workerCpuSeconds > 0) {
      o.put("worker_cpu_s", round(workerCpuSeconds, 3));
      o.put("task_cpu_ns_per_event", Math.round(taskCpuSeconds * 1e9 / events));
      o.put("worker_cpu_ns_per_event", Math.round(workerCpuSeconds * 1e9 / events));
    }
    o.put("peak_heap_mb", mb(peakHeapBytes));
    o.put("peak_heap_after_gc_mb", mb(peakHeapAfterGcBytes));
    o.put("gc_ms", gcMillis);
    o.put("gc_count", gcCount);
    if (latencyP50Millis >= 0) {
      o.put("latency_p50_ms", round(latencyP50Millis, 1));
      o.put("latency_p99_ms", round(latencyP99Millis, 1));
    }
    if (baselineEventsPerSecond > 0) {
      o.put("baseline_events_per_s", Math.round(baselineEventsPerSecond));
      o.put("vs_baseline", round(eventsPerSecond() / baselineEventsPerSecond, 3));
      o.put("baseline_cpu_ns_per_event", Math.round(baselineCpuNanosPerEvent));
      o.put("cpu_ns_per_event", Math.round(cpuSeconds * 1e9 / events));
      o.put("vs_baseline_cpu", round(baselineCpuNanosPerEvent / (cpuSeconds * 1e9 / events), 3));
    }
    if (flinkEventsPerSecond > 0) {
      o.put("flink_events_per_s", flinkEventsPerSecond);
      o.put("vs_flink", round(eventsPerSecond() / flinkEventsPerSecond, 2));
    }
    return o.toString();
  }

  static double mb(long bytes) {
    return round(bytes / (1024.0 * 1024.0), 1);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
