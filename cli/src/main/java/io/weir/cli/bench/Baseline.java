package io.weir.cli.bench;

/**
 * What a workload's baseline reached in the same run: records per second (wall clock, first
 * record to last) and process CPU time per record (every thread, as in the engine's run).
 */
public record Baseline(double recordsPerSecond, double cpuNanosPerRecord) {}
