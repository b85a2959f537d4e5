/**
 * Synthetic data with a fixed seed: web requests (some anomalous, labelled) and sensor series.
 * The models are trained on it at build time; the demo's generators produce the same shapes.
 * JDK only.
 */
package io.weir.examples.data;
