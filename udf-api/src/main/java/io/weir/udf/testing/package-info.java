/**
 * A small test kit for function authors: run a function as the engine would — inspected with
 * the engine's type mapping, opened with a {@link io.weir.udf.testing.TestContext}, called in
 * batches, accumulators merged and serialized — without the engine. Failures are {@link
 * java.lang.AssertionError}s, so it works with any test framework. JDK only.
 */
package io.weir.udf.testing;
