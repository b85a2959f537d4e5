/**
 * The {@code filesystem} connector: bounded JSON-lines sources (a file or a directory read in
 * path order), part-file sinks published atomically on flush, and file side outputs for dead
 * letters and late records. May import {@code connectors}, {@code connectors.format}, {@code
 * errors}, {@code data}, {@code operators.RowBatch} and Jackson (for side-output lines).
 */
package io.weir.engine.connectors.file;
