/**
 * Runtime operators: one class per operator behind the small {@link io.weir.engine.operators.Operator}
 * interface. Operators know rows, watermarks and state; they do not know Calcite, the plan, tasks
 * or threads. May import {@code data}, {@code errors}, {@code metrics}, {@code graph} (their specs)
 * and {@code state}.
 */
package io.weir.engine.operators;
