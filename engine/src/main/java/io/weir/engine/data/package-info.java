/**
 * Rows, schemas and types as every layer sees them. A row is an {@code Object[]}; the Java class
 * of each value follows from its {@link io.weir.engine.data.DataType}. JDK only: everything else
 * may import this package, it imports nothing of Weir's.
 */
package io.weir.engine.data;
