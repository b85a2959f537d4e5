/**
 * Trains the example models at build time (the Maven build runs {@link
 * io.weir.examples.train.TrainModels}); not part of any function's runtime.
 */
package io.weir.examples.train;
