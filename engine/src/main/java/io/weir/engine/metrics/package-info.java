/** Per-query counters, written by tasks and read by anyone. JDK only. */
package io.weir.engine.metrics;
