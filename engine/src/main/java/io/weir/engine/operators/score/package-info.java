/**
 * Scoring with model and window functions on the engine's worker pool: {@link
 * io.weir.engine.operators.score.ScoreOperator} batches rows, runs calls on pool threads, emits
 * results in input order and holds watermarks behind them, bounds its in-flight rows, and
 * applies the query's error policy. May import what {@code operators} may, plus {@code udf}
 * (invokers and the pool) and {@code connectors} (the dead-letter side output).
 */
package io.weir.engine.operators.score;
