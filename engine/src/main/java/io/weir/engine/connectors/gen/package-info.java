/**
 * The {@code datagen} connector: rows generated from per-column options (random values within
 * bounds, or sequences), seeded per column so runs repeat, throttled to {@code rows-per-second}.
 * May import {@code connectors}, {@code data} and {@code errors}.
 */
package io.weir.engine.connectors.gen;
