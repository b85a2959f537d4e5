/**
 * Runtime operators: one class per operator behind the small {@link io.weir.engine.operators.Operator}
 * interface. Operators know rows, watermarks and state; they do not know Calcite, the plan, tasks
 * or threads — except {@link io.weir.engine.operators.AsyncOperator}s, whose calls run on the
 * engine's worker pool and whose results the runtime drains. May import {@code data}, {@code
 * errors}, {@code metrics}, {@code graph} (their specs), {@code state}, {@code connectors} (side
 * outputs) and {@code udf} (the invokers of user functions).
 */
package io.weir.engine.operators;
