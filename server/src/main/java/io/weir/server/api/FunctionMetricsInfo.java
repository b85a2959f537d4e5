package io.weir.server.api;

import java.util.Map;

/**
 * One user function's counters in one query.
 *
 * @param calls calls into the function (one per batch for model and window functions)
 * @param rows rows (or windows) passed to it
 * @param meanBatchSize rows per call, on average
 * @param maxBatchSize the largest batch
 * @param latencyP50Micros median call latency, microseconds
 * @param latencyP99Micros 99th percentile call latency, microseconds
 * @param queued rows waiting for a worker
 * @param inFlight rows accepted and not yet emitted
 * @param errors calls that threw
 * @param timeouts calls abandoned after the timeout
 * @param deadLettered rows sent to the dead-letter destination
 * @param nulled rows whose result became NULL because their call failed
 * @param own the function's own counters and gauges
 */
public record FunctionMetricsInfo(String name, String kind, long calls, long rows,
    double meanBatchSize, long maxBatchSize, long latencyP50Micros, long latencyP99Micros,
    long queued, long inFlight, long errors, long timeouts, long deadLettered, long nulled,
    Map<String, Double> own) {}
